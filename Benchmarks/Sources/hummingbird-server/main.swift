// The peer server for the HTTP benchmark: Hummingbird 2 serving the same two endpoints
// as `lookout serve` — `/metrics` from a swift-prometheus registry with the same number
// of series, and `/api/v1/health` as JSON — so wrk measures the frameworks, not the
// payloads.
//
//   hummingbird-server --port 9200 --series 1000
import Foundation
import Hummingbird
import Prometheus

let arguments = CommandLine.arguments
func option(_ name: String, default fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: "--\(name)"), arguments.indices.contains(index + 1),
          let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let port = option("port", default: 9200)
let seriesCount = option("series", default: 1_000)

let registry = PrometheusCollectorRegistry()
for index in 0..<seriesCount {
    registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "bench_synthetic", unitName: "total", helpText: "Synthetic series for benchmarks."),
                         labels: [("series", "s\(index)")]).increment(by: Int64(index))
}
let started = Date()

let router = Router()
router.get("metrics") { _, _ -> Response in
    var buffer: [UInt8] = []
    buffer.reserveCapacity(64 * 1024)
    registry.emit(into: &buffer)
    return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
}
router.get("api/v1/health") { _, _ -> Response in
    let uptime = Date().timeIntervalSince(started)
    let body = #"{"status":"ok","version":"bench","uptime_seconds":\#(Int(uptime)),"components":{}}"#
    return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()

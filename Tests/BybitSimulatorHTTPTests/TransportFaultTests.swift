import BybitSimulator
@testable import BybitSimulatorHTTP
import LookoutCurl
import LookoutHTTP
import SimulatorTestSupport
import Testing
import TestSupport

@Suite("Transport faults happen on the socket")
struct TransportFaultTests {
    static let kline = "/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&limit=200"

    let http: CurlClient
    init() throws { http = try CurlClient() }

    func serving(_ spec: String, _ body: (String) async throws -> Void) async throws {
        let configuration = SimulatorConfiguration(behavior: SimulatorBehavior(faults: [try FaultRule(spec: spec)]))
        try await withSimulatorServer(configuration) { _, url in try await body(url) }
    }

    @Test("cut connections are transport errors", arguments: [
        ("reset", CurlError.Code.connectionLost), ("reset:100", .connectionLost), ("truncate:100", .truncatedBody), ("truncate:0", .truncatedBody),
    ])
    func cutConnections(spec: String, code: CurlError.Code) async throws {
        try await serving(spec) { url in
            let error = await #expect(throws: CurlError.self) { try await http.get(url + Self.kline) }
            #expect(error?.code == code, "\(String(describing: error))")
        }
    }

    @Test func slowBodiesArriveWholeButLate() async throws {
        try await serving("slow:2000:40ms") { url in
            let started = ContinuousClock.now
            let response = try await http.get(url + Self.kline)
            let elapsed = ContinuousClock.now - started
            #expect(response.status == 200)
            // About 16 KB in 2,000-byte chunks, a 40 ms pause before each after the first.
            let chunks = (response.body.count + 1999) / 2000
            #expect(chunks >= 8)
            #expect(elapsed >= .milliseconds(40) * (chunks - 1))
            #expect(response.text.hasSuffix("}"))
        }
    }

    @Test func delaysAreAddedToLatency() async throws {
        let configuration = SimulatorConfiguration(behavior: SimulatorBehavior(latency: .fixed(.milliseconds(50)), faults: [try FaultRule(spec: "delay:100ms")]))
        try await withSimulatorServer(configuration) { _, url in
            let started = ContinuousClock.now
            let response = try await http.get(url + "/v5/market/time")
            #expect(response.status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(150))
        }
    }

    @Test func everyDirectiveMapsOntoTheDelivery() {
        var transport = TransportDirectives()
        #expect(ResponseDelivery.delivery(for: transport) == .normal)
        transport.delayBeforeHeaders = .milliseconds(30)
        transport.trickle = TransportDirectives.Trickle(chunkBytes: 64, pause: .milliseconds(5))
        transport.truncateBodyAfter = 10
        transport.reset = .afterBodyBytes(7)
        transport.closeConnection = true
        #expect(ResponseDelivery.delivery(for: transport) == HTTPResponseDelivery(
            delayBeforeHead: .milliseconds(30), trickle: .init(chunkBytes: 64, pause: .milliseconds(5)),
            truncateAfterBodyBytes: 10, reset: .afterBodyBytes(7), closeConnection: true))
        transport.reset = .beforeResponse
        #expect(ResponseDelivery.delivery(for: transport).reset == .beforeHead)
        #expect(ResponseDelivery.delivery(for: transport).delayBeforeHead == .zero, "the simulator resets before its latency")
    }
}

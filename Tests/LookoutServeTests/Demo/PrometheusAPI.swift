import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// The HTTP APIs of a running Prometheus or Alertmanager the test did not start itself.
struct PrometheusAPI {
    let baseURL: String

    /// A query's outcome: the API's error text, or how many non-NaN samples it returned.
    enum Outcome {
        case failed(String)
        case samples(Int)
    }

    /// Runs `expression` as a range query over `start...end` every `step` seconds.
    func queryRange(_ expression: String, start: Date, end: Date, step: Int) async throws -> Outcome {
        let path = "/api/v1/query_range?query=\(Self.encode(expression))&start=\(Int(start.timeIntervalSince1970))"
            + "&end=\(Int(end.timeIntervalSince1970))&step=\(step)"
        let (status, body) = try await DemoRun.request(baseURL + path)
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        guard status == 200, object["status"] as? String == "success" else {
            return .failed("HTTP \(status): \(object["error"] as? String ?? String(decoding: body, as: UTF8.self))")
        }
        let result = (object["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        let samples = result.reduce(0) { count, series in
            count + (series["values"] as? [[Any]] ?? []).count { ($0.last as? String).map { $0 != "NaN" } ?? false }
        }
        return .samples(samples)
    }

    /// The series matching `selector` in `start...end`.
    func series(_ selector: String, start: Date, end: Date) async throws -> [[String: String]] {
        let path = "/api/v1/series?match%5B%5D=\(Self.encode(selector))&start=\(Int(start.timeIntervalSince1970))&end=\(Int(end.timeIntervalSince1970))"
        return try await data(path) as? [[String: String]] ?? []
    }

    /// The `data` member of a successful Prometheus API answer.
    func data(_ path: String) async throws -> Any {
        let (status, body) = try await DemoRun.request(baseURL + path)
        guard status == 200, let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              object["status"] as? String == "success", let data = object["data"]
        else { throw PrometheusServer.Failure("GET \(baseURL)\(path) answered \(status): \(String(decoding: body, as: UTF8.self))") }
        return data
    }

    /// Alertmanager's `/api/v2/alerts` (active, silenced and inhibited alerts).
    func alertmanagerAlerts() async throws -> [[String: Any]] {
        let (status, body) = try await DemoRun.request(baseURL + "/api/v2/alerts")
        guard status == 200 else { throw PrometheusServer.Failure("GET \(baseURL)/api/v2/alerts answered \(status)") }
        return try JSONSerialization.jsonObject(with: body) as? [[String: Any]] ?? []
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

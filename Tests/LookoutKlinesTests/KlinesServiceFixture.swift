import BybitSimulator
import BybitSimulatorHTTP
import Foundation
import LookoutBybit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import lookout
import SimulatorTestSupport

/// `lookout serve`'s service, in-process, with its Bybit base URL on a fresh simulator and
/// a memory candle cache (unless `cache` is false); stopped afterwards.
func withKlinesService(
    _ behavior: SimulatorBehavior = SimulatorBehavior(), cache: Bool = true, timeoutSeconds: Double = 10,
    rateLimit: RateLimitSettings? = nil,
    _ body: (_ base: String, _ simulator: BybitSimulator) async throws -> Void
) async throws {
    try await withSimulatorServer(SimulatorConfiguration(behavior: behavior)) { server, simulatorURL in
        var settings = ServeSettings()
        settings.port = 0
        settings.eventLoops = 1
        settings.bybitBaseURL = try BybitBaseURL(simulatorURL)
        settings.bybitAttempts = 1
        settings.bybitTimeoutSeconds = timeoutSeconds
        settings.rateLimit = rateLimit
        let service = try LookoutService(settings: settings, logger: nil)
        let arguments = try CommandLineOptions(["--cache", cache ? "memory" : "off"], CommandLineOptions.Specification(valued: Set(CacheOptions.valuedFlags), flags: []))
        let options = try CacheOptions(arguments, environment: [:], default: .memory)
        let check = try await service.attachCache(options, logger: Logger(level: .error, format: .logfmt))
        try service.start()
        service.markServing()
        do {
            try await body(service.baseURL!, server.simulator)
        } catch {
            check?.stop()
            await service.stop(gracePeriod: .seconds(1))
            throw error
        }
        check?.stop()
        await service.stop(gracePeriod: .seconds(1))
    }
}

/// A GET: status, body and lower-cased headers.
func get(_ url: String) async throws -> (status: Int, body: String, headers: [String: String]) {
    guard let target = URL(string: url) else { throw KlinesTestFailure("not a URL: \(url)") }
    var request = URLRequest(url: target)
    request.timeoutInterval = 60
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var fields: [String: String] = [:]
    for (name, value) in http?.allHeaderFields ?? [:] { fields["\(name)".lowercased()] = "\(value)" }
    return (http?.statusCode ?? 0, String(decoding: data, as: UTF8.self), fields)
}

/// The body parsed as a JSON object.
func jsonObject(_ body: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
        throw KlinesTestFailure("not a JSON object: \(body)")
    }
    return object
}

struct KlinesTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import BybitSimulator
import LookoutHTTP

/// The simulator's control routes under `/sim/`, for tests and operators:
///
/// | Route | Effect |
/// |---|---|
/// | `GET /sim/stats` | every counter as JSON (``SimulatorStatistics``) |
/// | `DELETE /sim/stats` | zero the counters |
/// | `GET /sim/behavior` | faults, latency and IP limit as spec strings |
/// | `PUT /sim/faults` | replace the fault rules: a JSON array of specs, or one spec per line |
/// | `PUT /sim/latency` | replace the latency (`50ms`, `20ms..80ms:7`, `none`) |
/// | `PUT /sim/ip-limit` | replace the IP limit (`600/5s/10m`, `off`) |
/// | `DELETE /sim/bans` | lift every ban and empty every window |
///
/// A spec that does not parse is answered `400` with a problem document naming it; the
/// behaviour is then unchanged.
enum AdminAPI {
    static func register(on router: inout HTTPRouter, simulator: BybitSimulator) {
        router.get("/sim/stats") { _, _ in try .json(StatisticsDocument(simulator.statistics())) }
        router.delete("/sim/stats") { _, _ in
            simulator.resetStatistics()
            return HTTPResponse(status: .noContent)
        }
        router.get("/sim/behavior") { _, _ in try .json(BehaviorDocument(simulator.behavior)) }
        router.put("/sim/faults") { request, _ in
            let specs = try specList(request.body)
            try update(simulator) { behavior throws(SimulatorConfigurationError) in
                var rules: [FaultRule] = []
                for spec in specs { rules.append(try FaultRule(spec: spec)) }
                behavior.faults = rules
            }
            return try .json(BehaviorDocument(simulator.behavior))
        }
        router.put("/sim/latency") { request, _ in
            let spec = try singleSpec(request.body, what: "a latency such as 50ms, 20ms..80ms:7 or none")
            try update(simulator) { behavior throws(SimulatorConfigurationError) in behavior.latency = try Latency(spec: spec) }
            return try .json(BehaviorDocument(simulator.behavior))
        }
        router.put("/sim/ip-limit") { request, _ in
            let spec = try singleSpec(request.body, what: "an IP limit such as 600/5s/10m or off")
            try update(simulator) { behavior throws(SimulatorConfigurationError) in behavior.ipRateLimit = try IPRateLimit(spec: spec) }
            return try .json(BehaviorDocument(simulator.behavior))
        }
        router.delete("/sim/bans") { _, _ in
            simulator.liftBans()
            return HTTPResponse(status: .noContent)
        }
    }

    private static func update(
        _ simulator: BybitSimulator, _ change: (inout SimulatorBehavior) throws(SimulatorConfigurationError) -> Void
    ) throws(HTTPError) {
        do {
            try simulator.updateBehavior(change)
        } catch {
            throw HTTPError(.badRequest, error.description)
        }
    }

    /// Fault specs from a JSON array of strings or from text with one spec per line
    /// (blank lines ignored); an empty body clears every rule.
    static func specList(_ body: [UInt8]) throws(HTTPError) -> [String] {
        let text = String(decoding: body, as: UTF8.self)
        if text.first(where: { !$0.isWhitespace }) == "[" {
            do {
                return try JSONDecoder().decode([String].self, from: Data(body))
            } catch {
                throw HTTPError(.badRequest, "the body starts with '[' but is not a JSON array of strings; send [\"10006@next:3\", \"http:503@p:0.1\"] or one spec per line")
            }
        }
        return text.split(whereSeparator: \.isNewline).map(trimmed).filter { !$0.isEmpty }
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func singleSpec(_ body: [UInt8], what: String) throws(HTTPError) -> String {
        let spec = trimmed(String(decoding: body, as: UTF8.self)[...])
        guard !spec.isEmpty else { throw HTTPError(.badRequest, "the body is empty; send \(what)") }
        return spec
    }
}

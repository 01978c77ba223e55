import BybitSimulator
import Testing

/// A simulator on a manual clock, with helpers that send a request and parse the body.
struct Harness {
    /// 2022-12-09T18:20:00Z: 20 minutes into the 1670608800000 hour of the docs examples.
    static let docsNow = SimulatorTime.milliseconds(1_670_610_000_000)

    let clock: ManualSimulatorClock
    let simulator: BybitSimulator

    init(now: SimulatorTime = Harness.docsNow, configuration: SimulatorConfiguration = SimulatorConfiguration(universe: .standard)) throws {
        clock = ManualSimulatorClock(now)
        simulator = try BybitSimulator(configuration: configuration, clock: clock)
    }

    func get(_ target: String, clientIP: String = "127.0.0.1", apiKey: String? = nil) -> SimulatorResponse {
        simulator.respond(to: SimulatorRequest(target: target, clientIP: clientIP, apiKey: apiKey))
    }

    func json(_ target: String, clientIP: String = "127.0.0.1") throws -> JSON {
        let response = get(target, clientIP: clientIP)
        return try JSON.parse(response.body)
    }

    /// The kline rows of a successful response, failing the test otherwise.
    func rows(_ target: String) throws -> [[String]] {
        let body = try json(target)
        #expect(body["retCode"]?.integer == 0, "\(target) → \(body)")
        let list = try #require(body["result"]?["list"]?.array, "\(target) → \(body)")
        return list.map { row in (row.array ?? []).map { $0.string ?? "?" } }
    }

    /// Start times of the rows.
    func starts(_ target: String) throws -> [Int64] {
        try rows(target).map { Int64($0[0]) ?? -1 }
    }
}

extension JSON {
    /// The body with `time` replaced by 0, for byte comparisons that ignore the clock.
    var withoutTime: JSON {
        guard case .object(let members) = self else { return self }
        return .object(members.map { $0.key == "time" ? (key: "time", value: .number("0")) : $0 })
    }
}

import BybitSimulator
import Testing

@Suite struct ConcurrencyTests {
    @Test func concurrentRequestsAreAllCountedAndAnswered() async throws {
        let harness = try Harness(configuration: SimulatorConfiguration(behavior: SimulatorBehavior(
            ipRateLimit: IPRateLimit(limit: 1_000), faults: [FaultRule(.rateLimited, trigger: .everyNth(10))])))
        let simulator = harness.simulator
        let statuses = await withTaskGroup(of: [Int].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    (0..<150).map { index in
                        let response = simulator.respond(to: SimulatorRequest(
                            target: "/v5/market/kline?symbol=BTCUSDT&interval=\(index % 2 == 0 ? "1" : "15")&limit=50",
                            clientIP: "10.0.0.\(worker % 2)"))
                        return response.bodyText.contains("\"retCode\":0") ? 0 : 10006
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let stats = simulator.statistics()
        #expect(statuses.count == 1_200)
        #expect(stats.totalRequests == 1_200)
        #expect(stats.requestsByClientIP == ["10.0.0.0": 600, "10.0.0.1": 600])
        #expect(stats.faultsInjected[.rateLimited] == 120)
        #expect(statuses.filter { $0 == 10006 }.count == 120)
        #expect(stats.maxRequestsInWindow == 600)
    }

    @Test func behaviourUpdatesRaceSafelyWithRequests() async throws {
        let harness = try Harness()
        let simulator = harness.simulator
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<200 {
                    try? simulator.updateBehavior { $0.faults = round % 2 == 0 ? [] : [FaultRule(.httpStatus(503), trigger: .always)] }
                }
            }
            for worker in 0..<4 {
                group.addTask {
                    for _ in 0..<200 {
                        let status = simulator.respond(to: SimulatorRequest(target: "/v5/market/time", clientIP: "::\(worker)")).status
                        #expect(status == 200 || status == 503)
                    }
                }
            }
        }
        #expect(simulator.statistics().totalRequests == 800)
    }
}

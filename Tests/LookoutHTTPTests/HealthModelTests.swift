import Testing
@testable import LookoutHTTP

@Suite("Health model and its JSON")
struct HealthModelTests {
    private struct FixedCheck: HealthCheck {
        let name: String
        let result: ComponentHealth
        func health() -> ComponentHealth { result }
    }

    @Test func theDocumentHasAFixedMemberOrderAndSortedComponents() {
        let report = HealthReport(phase: .serving, version: "1.4.0", uptimeSeconds: 3600, components: [
            .init(name: "redis", health: .ok),
            .init(name: "bybit", health: ComponentHealth(.degraded, detail: "rate limited: retry in 2 s \"soon\"")),
        ])
        #expect(report.status == .degraded)
        #expect(String(decoding: report.json, as: UTF8.self)
            == #"{"status":"degraded","version":"1.4.0","uptime_seconds":3600,"components":{"bybit":{"status":"degraded","detail":"rate limited: retry in 2 s \"soon\""},"redis":{"status":"ok"}}}"#)
        #expect(String(decoding: report.readinessJSON, as: UTF8.self) == #"{"ready":true,"phase":"serving","status":"degraded"}"#)

        let empty = HealthReport(phase: .starting, version: "1", uptimeSeconds: 0, components: [])
        #expect(String(decoding: empty.json, as: UTF8.self) == #"{"status":"ok","version":"1","uptime_seconds":0,"components":{}}"#)
        #expect(!empty.isReady)
    }

    @Test(arguments: [
        ([HealthStatus](), HealthStatus.ok),
        ([.ok, .ok], .ok),
        ([.ok, .degraded], .degraded),
        ([.degraded, .down, .ok], .down),
    ])
    func theServiceIsAsHealthyAsItsWorstComponent(statuses: [HealthStatus], expected: HealthStatus) {
        let monitor = HealthMonitor(version: "1")
        for (index, status) in statuses.enumerated() {
            monitor.register(FixedCheck(name: "c\(index)", result: ComponentHealth(status)))
        }
        #expect(monitor.report().status == expected)
    }

    @Test func registeringANameAgainReplacesTheCheck() {
        let monitor = HealthMonitor(version: "1")
        monitor.register(FixedCheck(name: "upstream", result: ComponentHealth(.down)))
        monitor.register(FixedCheck(name: "cache", result: .ok))
        monitor.register(FixedCheck(name: "upstream", result: ComponentHealth(.ok, detail: "reconnected")))
        #expect(monitor.report().components == [
            .init(name: "cache", health: .ok), .init(name: "upstream", health: ComponentHealth(.ok, detail: "reconnected")),
        ])
        #expect(monitor.unregister(name: "cache"))
        #expect(!monitor.unregister(name: "cache"))
        #expect(monitor.report().components.map(\.name) == ["upstream"])
    }

    @Test func phasesMoveFromStartingToServingToDraining() {
        let monitor = HealthMonitor(version: "1")
        #expect(monitor.phase == .starting)
        #expect(!monitor.report().isReady)
        monitor.markServing()
        #expect(monitor.report().isReady)
        monitor.markDraining()
        #expect(monitor.phase == .draining)
        #expect(!monitor.report().isReady)
    }
}

import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

@Suite("SLO test scenarios")
struct SLOTestScenarioTests {
    static let witnesses: [(required: [LabelMatch], violated: LabelMatch?, expected: String?)] = [
        ([.regex("5..")], nil, "500"),
        ([.regex("5..")], .regex("5.."), nil),
        ([], .regex("5.."), "ok"),
        ([.notEqual("/health")], nil, "ok"),
        ([.regex("(GET|HEAD)")], nil, "GET"),
        ([.regex("[45]\\d{2}")], nil, "400"),
        ([.regex("/api/.*")], nil, "/api/"),
        ([.equal("a")], .equal("a"), nil),
        ([.regex("[^0-9]+")], nil, "a"),
    ]

    @Test("label witnesses satisfy and break matchers", arguments: witnesses)
    func witness(_ example: (required: [LabelMatch], violated: LabelMatch?, expected: String?)) {
        #expect(LabelWitness.value(satisfying: example.required, violating: example.violated) == example.expected)
    }

    @Test("counter values continue across segments at each segment's rate")
    func values() {
        let segments = [SLOTestScenarios.Segment(ratio: 0.02, minutes: 60), .init(ratio: 0, minutes: 35)]
        #expect(SLOTestScenarios.values(of: .bad, over: segments) == "0+20x60 1200+0x34")
        #expect(SLOTestScenarios.values(of: .good, over: segments) == "0+980x60 59800+1000x34")
        #expect(SLOTestScenarios.values(of: .total, over: segments) == "0+1000x60 61000+1000x34")
    }

    @Test("streams for each indicator shape")
    func streams() throws {
        let availability = try SLOTestScenarios.inputs(for: ShopFixture.availability).get()
        #expect(availability == [
            .init(name: "shop_requests_total", labels: ["code": "500", "instance": "app:9090", "job": "app"], role: .bad),
            .init(name: "shop_requests_total", labels: ["code": "ok", "instance": "app:9090", "job": "app"], role: .good),
        ])
        let latency = try SLOTestScenarios.inputs(for: ShopFixture.latency).get()
        #expect(latency.map(\.name) == ["shop_request_duration_seconds_bucket", "shop_request_duration_seconds_bucket", "shop_request_duration_seconds_count"])
        #expect(latency.map { $0.labels["le"] } == ["0.25", "+Inf", nil])
        #expect(latency.allSatisfy { $0.labels["route"] == "ok" })
        let payments = try SLOTestScenarios.inputs(for: ShopFixture.payments).get()
        #expect(payments.map(\.name) == ["shop_payments_succeeded_total", "shop_payments_attempted_total"])
        #expect(payments.map(\.role) == [.good, .total])
    }

    @Test("an SLO whose events cannot be told apart from the total is reported")
    func indistinguishable() {
        let slo = ServiceLevelObjective.availability("same", objective: 0.99, bad: ShopFixture.requests, total: ShopFixture.requests)
        guard case .failure(let failure) = SLOTestScenarios.inputs(for: slo) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message == "shop_requests_total selects the same series as the total shop_requests_total; add a matcher that tells the events apart (for example code=~\"5..\")")
    }

    @Test("le values come from the core's canonical bucket rendering", arguments: [(0.25, "0.25"), (1.0, "1.0"), (2.5e6, "2.5e+06")])
    func le(_ bound: Double, _ expected: String) {
        #expect(SLORules.leValue(bound) == expected)
    }
}

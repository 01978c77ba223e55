import Lookout
import Testing

/// Registering a name again with different contents names every field that differs,
/// with the new value first and the registered one second.
@Suite struct RegistryConflictTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let field: String
        let register: @Sendable (Registry) throws -> Void
        let message: String
        var testDescription: String { field }
    }

    static let cases: [Case] = [
        Case(field: "type", register: { _ = try $0.gaugeFamily("jobs", help: "Jobs.", labelNames: ["queue"]) },
             message: "metric 'jobs': already registered; it differs in type (gauge here, counter registered); register it once and share the family"),
        Case(field: "help", register: { _ = try $0.counterFamily("jobs_total", help: "Other.", labelNames: ["queue"]) },
             message: "metric 'jobs': already registered; it differs in help ('Other.' here, 'Jobs.' registered); register it once and share the family"),
        Case(field: "unit", register: { _ = try $0.gauge("wait_seconds", help: "Wait.", unit: .seconds) },
             message: "metric 'wait_seconds': already registered; it differs in unit ('seconds' here, none registered); register it once and share the family"),
        Case(field: "label names", register: { _ = try $0.counterFamily("jobs_total", help: "Jobs.", labelNames: ["queue", "priority"]) },
             message: "metric 'jobs': already registered; it differs in label names ([queue, priority] here, [queue] registered); register it once and share the family"),
        Case(field: "buckets", register: { _ = try $0.histogram("latency_seconds", help: "Latency.", unit: .seconds, buckets: try Buckets([0.5, 2])) },
             message: "metric 'latency_seconds': already registered; it differs in buckets ([0.5, 2.0] here, [0.5, 1.0] registered); register it once and share the family"),
        Case(field: "states", register: { _ = try $0.stateSet("breaker", help: "Breaker state.", states: ["closed", "open", "half_open"]) },
             message: "metric 'breaker': already registered; it differs in states ([closed, open, half_open] here, [closed, open] registered); register it once and share the family"),
        Case(field: "help and label names", register: { _ = try $0.counterFamily("jobs", help: "Other.", labelNames: []) },
             message: "metric 'jobs': already registered; it differs in help ('Other.' here, 'Jobs.' registered), label names ([] here, [queue] registered); register it once and share the family"),
    ]

    /// A registry holding one family of each kind the cases conflict with.
    static func registry() throws -> Registry {
        let registry = Registry()
        _ = try registry.counterFamily("jobs_total", help: "Jobs.", labelNames: ["queue"])
        _ = try registry.gauge("wait_seconds", help: "Wait.")
        _ = try registry.histogram("latency_seconds", help: "Latency.", unit: .seconds, buckets: try Buckets([0.5, 1]))
        _ = try registry.stateSet("breaker", help: "Breaker state.", states: ["closed", "open"])
        return registry
    }

    @Test(arguments: cases)
    func conflictNamesTheDifferingField(_ conflict: Case) throws {
        let registry = try Self.registry()
        let error = try #require(throws: MetricError.self) { try conflict.register(registry) }
        #expect(error.code == .conflictingRegistration)
        #expect(error.description == conflict.message)
    }
}

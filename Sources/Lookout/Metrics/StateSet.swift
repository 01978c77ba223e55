import Synchronization

/// A set of named boolean states, such as a service's lifecycle phase or a feature
/// flag's value; each state is one sample, 1 when enabled.
///
/// Up to 64 states, fixed when the family is registered. Exposed as an OpenMetrics
/// stateset (a gauge in text 0.0.4) with the state name in a label named after the
/// metric.
///
/// Thread-safety: safe from any thread, lock-free.
public final class StateSet: Series, @unchecked Sendable {
    // @unchecked Sendable: restated from Series; this class adds only atomics and immutable `let`s.
    /// The states, in declaration order.
    public let states: [String]
    private let bits = Atomic<UInt64>(0)

    init(states: [String], renderedLabels: [UInt8], labelHash: UInt64) {
        self.states = states
        super.init(renderedLabels: renderedLabels, labelHash: labelHash)
    }

    private func index(of state: String) throws(MetricError) -> Int {
        guard let index = states.firstIndex(of: state) else {
            throw MetricError(.invalidValue, metric: "", "unknown state '\(state)'; the states are \(states)")
        }
        return index
    }

    /// Enables `state` and disables every other one.
    /// - Throws: ``MetricError/Code/invalidValue`` for a state not declared.
    public func set(_ state: String) throws(MetricError) {
        bits.store(1 << UInt64(try index(of: state)), ordering: .relaxed)
    }

    /// Enables exactly `enabled`.
    /// - Throws: ``MetricError/Code/invalidValue`` for a state not declared.
    public func set(enabled: Set<String>) throws(MetricError) {
        var mask: UInt64 = 0
        for state in enabled { mask |= 1 << UInt64(try index(of: state)) }
        bits.store(mask, ordering: .relaxed)
    }

    /// Whether `state` is enabled (false for unknown states).
    public func isEnabled(_ state: String) -> Bool {
        guard let index = states.firstIndex(of: state) else { return false }
        return bits.load(ordering: .relaxed) & (1 << UInt64(index)) != 0
    }

    /// The enabled states, in declaration order.
    public var enabledStates: [String] {
        let mask = bits.load(ordering: .relaxed)
        return states.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { states[$0] }
    }

    override func snapshotValue() -> SeriesSnapshot.Value {
        let mask = bits.load(ordering: .relaxed)
        return .stateSet(StateSetValue(states: states, enabled: states.indices.map { mask & (1 << UInt64($0)) != 0 }))
    }
}

import Lookout

/// A declared state set: which of a fixed list of states is active (a circuit breaker's
/// `closed`/`open`/`half_open`), one series per state labelled with the family name.
///
/// Dashboards show the active states as a table.
public struct StateSetDeclaration: MetricDeclaration {
    /// The declaration's contents.
    public let metric: DeclaredMetric

    /// Declares a state set named `name` with `states` (1–64 distinct names).
    public init(_ name: String, help: String, states: [String], labelNames: [String] = [], chart: Chart = .automatic) {
        metric = DeclaredMetric(name: name, help: help, type: .stateSet, unit: nil, labelNames: labelNames, states: states, chart: chart)
    }

    /// The declared states.
    public var states: [String] { metric.states }
}

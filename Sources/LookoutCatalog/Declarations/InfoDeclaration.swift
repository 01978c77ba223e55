import Lookout

/// A declared info metric: facts about the process (version, build, configuration) as
/// labels on one series of value 1, exposed as `<name>_info`.
///
/// Dashboards show it as a table of label values.
public struct InfoDeclaration: MetricDeclaration {
    /// The declaration's contents.
    public let metric: DeclaredMetric

    /// Declares an info metric named `name` (with or without `_info`) whose series carry
    /// `labelNames`.
    public init(_ name: String, help: String, labelNames: [String], chart: Chart = .automatic) {
        metric = DeclaredMetric(name: name, help: help, type: .info, unit: nil, labelNames: labelNames, chart: chart)
    }
}

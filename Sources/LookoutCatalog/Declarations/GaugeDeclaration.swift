import Lookout

/// A declared gauge: a value that goes up and down (in-flight requests, queue depth,
/// memory in use, a timestamp).
///
/// Dashboards show its current value (a stat panel unless the chart says otherwise).
public struct GaugeDeclaration: MetricDeclaration {
    /// The declaration's contents.
    public let metric: DeclaredMetric

    /// Declares a gauge named `name`.
    ///
    /// - Parameters:
    ///   - name: The metric name, `[a-zA-Z_][a-zA-Z0-9_]*`.
    ///   - help: One line saying what is measured.
    ///   - unit: The base unit; the name must then end in `_<unit>`.
    ///   - labelNames: The label names of every series.
    ///   - chart: Presentation hints; by default a stat panel in the row "Metrics".
    public init(_ name: String, help: String, unit: MetricUnit? = nil, labelNames: [String] = [], chart: Chart = .automatic) {
        metric = DeclaredMetric(name: name, help: help, type: .gauge, unit: unit, labelNames: labelNames, chart: chart)
    }

    /// Declares a gauge from an existing descriptor.
    public init(_ descriptor: MetricDescriptor, chart: Chart = .automatic) {
        metric = DeclaredMetric(descriptor, chart: chart)
    }
}

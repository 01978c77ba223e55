import Lookout

/// A declared counter: a total that only goes up (requests served, bytes sent, errors).
///
/// Do not use a counter for a value that can go down; declare a ``GaugeDeclaration``.
/// Dashboards show its per-second rate; the rules record `job:<name>:rate5m`.
///
/// ```swift
/// static let requests = CounterDeclaration(
///     "http_requests", help: "HTTP requests handled, by method and status code.",
///     labelNames: ["method", "code"],
///     chart: .timeseries(row: "Traffic", unit: .requestsPerSecond, legend: "{{code}}"))
/// ```
public struct CounterDeclaration: MetricDeclaration {
    /// The declaration's contents.
    public let metric: DeclaredMetric

    /// Declares a counter named `name` (with or without `_total`).
    ///
    /// - Parameters:
    ///   - name: The metric name, `[a-zA-Z_][a-zA-Z0-9_]*`.
    ///   - help: One line saying what is measured.
    ///   - unit: The base unit; the name must then end in `_<unit>` (before `_total`).
    ///   - labelNames: The label names of every series.
    ///   - chart: Presentation hints; by default a rate panel in the row "Metrics".
    public init(_ name: String, help: String, unit: MetricUnit? = nil, labelNames: [String] = [], chart: Chart = .automatic) {
        metric = DeclaredMetric(name: name, help: help, type: .counter, unit: unit, labelNames: labelNames, chart: chart)
    }

    /// Declares a counter from an existing descriptor (for metrics a library already
    /// describes, such as `ProcessCollector.descriptors`).
    public init(_ descriptor: MetricDescriptor, chart: Chart = .automatic) {
        metric = DeclaredMetric(descriptor, chart: chart)
    }

    /// The recorded per-job rate over 5 minutes, `job:<name>:rate5m`, for alert expressions.
    public var rate5m: RecordedSeries {
        RecordedSeries(name: RuleNaming.counterRate(metric.familyName), sources: [metric])
    }
}

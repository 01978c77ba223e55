/// The kind of a metric family, as written on its `# TYPE` line.
///
/// Prometheus text format 0.0.4 knows only counter, gauge, histogram, summary and
/// untyped; Lookout renders ``info`` and ``stateSet`` there as gauges, as client_python
/// and client_java do.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    /// A monotonically increasing total, exposed with a `_total` suffix.
    case counter
    /// A value that can go up and down.
    case gauge
    /// Observations counted into cumulative buckets, with `_bucket`, `_count` and `_sum`.
    case histogram
    /// Textual facts about the process as labels on a sample of value 1 (`_info`).
    case info
    /// A set of named boolean states, one sample per state.
    case stateSet = "stateset"
    /// A metric whose kind the producer does not know (custom collectors only).
    case unknown

    /// The `# TYPE` keyword in Prometheus text format 0.0.4.
    public var prometheusTextKeyword: String {
        switch self {
        case .counter: return "counter"
        case .gauge, .info, .stateSet: return "gauge"
        case .histogram: return "histogram"
        case .unknown: return "untyped"
        }
    }

    /// The `# TYPE` keyword in OpenMetrics 1.0.
    public var openMetricsKeyword: String { rawValue }
}

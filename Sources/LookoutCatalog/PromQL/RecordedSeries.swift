/// A series a generated recording rule produces, such as `job:http_requests:rate5m` or
/// `job_quantile:http_request_duration_seconds:histogram_quantile{quantile="0.99"}`.
///
/// Obtain one from a declaration (``CounterDeclaration/rate5m``,
/// ``HistogramDeclaration/p99``, ``RatioDeclaration/recorded``) and interpolate it into
/// an alert's ``PromQL``: the rule and the alert then cannot disagree on the name.
public struct RecordedSeries: Sendable, Hashable, CustomStringConvertible {
    /// The recording rule's name, `level:metric:operations`.
    public let name: String
    /// Static labels that tell this series apart from its siblings (`quantile`).
    public let labels: [String: String]
    /// The declared metrics the rule reads, checked against the catalogs.
    package let sources: [DeclaredMetric]
    /// The declaration whose rules record the series.
    package let origin: Origin

    /// What produces a recorded series.
    package enum Origin: Sendable, Hashable {
        /// The derived rules of a declared metric.
        case metric
        /// A ``RatioDeclaration`` of this name.
        case ratio(String)
        /// A ``ServiceLevelObjective`` of this name.
        case objective(String)
    }

    package init(name: String, labels: [String: String] = [:], sources: [DeclaredMetric], origin: Origin = .metric) {
        self.name = name
        self.labels = labels
        self.sources = sources
        self.origin = origin
    }

    /// The selector text.
    public var description: String {
        guard !labels.isEmpty else { return name }
        return name + "{" + labels.keys.sorted().map { "\($0)=\"\(PromQLText.escape(labels[$0]!))\"" }.joined(separator: ",") + "}"
    }
}

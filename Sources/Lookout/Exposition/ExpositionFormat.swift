/// A text exposition format.
public enum ExpositionFormat: Sendable, Hashable, CaseIterable {
    /// Prometheus text format 0.0.4: what every Prometheus understands.
    case prometheusText
    /// OpenMetrics 1.0.0: adds units, `_created`, info and stateset types, exemplars
    /// and a closing `# EOF`.
    case openMetrics

    /// The exact `Content-Type` to send with a body in this format.
    public var contentType: String {
        switch self {
        case .prometheusText: return "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }
}

/// Choices that change what an exposition includes.
public struct ExpositionOptions: Sendable, Hashable {
    /// Write `_created` samples for counters and histograms (OpenMetrics only).
    /// Each doubles as a series in Prometheus versions that store them as samples.
    public var includeCreatedTimestamps: Bool
    /// Write exemplars (OpenMetrics only).
    public var includeExemplars: Bool

    /// Options; by default everything the format supports is written.
    public init(includeCreatedTimestamps: Bool = true, includeExemplars: Bool = true) {
        self.includeCreatedTimestamps = includeCreatedTimestamps
        self.includeExemplars = includeExemplars
    }
}

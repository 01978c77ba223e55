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
    ///
    /// Off by default, as in client_golang: Prometheus 2.x stores each `_created` line as
    /// a series of its own, doubling the series a counter or histogram costs, and only
    /// newer servers use it as a creation timestamp. Turn it on for consumers that do.
    public var includeCreatedTimestamps: Bool
    /// Write exemplars (OpenMetrics only).
    public var includeExemplars: Bool

    /// Options; by default exemplars are written and `_created` samples are not.
    public init(includeCreatedTimestamps: Bool = false, includeExemplars: Bool = true) {
        self.includeCreatedTimestamps = includeCreatedTimestamps
        self.includeExemplars = includeExemplars
    }
}

import Lookout

/// A declared ratio of declared metrics: errors over requests, hits over hits plus
/// misses, open over maximum file descriptors.
///
/// Counters are compared by their per-second rates, gauges by their values (all
/// selectors must be one or the other). The rules record
/// `<by>:<name>:ratio_rate5m` (counters) or `<by>:<name>:ratio` (gauges); dashboards show
/// a percentage coloured by the chart's thresholds.
///
/// ```swift
/// static let errorRatio = RatioDeclaration(
///     "http_request_errors", help: "Share of requests answered with a 5xx status.",
///     numerator: requests.matching("code", .regex("5..")), denominator: requests,
///     chart: .stat(row: "Traffic", thresholds: .above(warning: 0.01, critical: 0.05)))
/// ```
public struct RatioDeclaration: Sendable, Hashable {
    /// The ratio's name, a metric-name fragment (`http_request_errors`).
    public let name: String
    /// What the ratio means, shown as the panel description.
    public let help: String
    /// Selectors summed into the numerator.
    public let numerator: [SeriesSelector]
    /// Selectors summed into the denominator.
    public let denominator: [SeriesSelector]
    /// The labels the recorded ratio keeps (`job` by default).
    public let by: [String]
    /// Presentation hints.
    public let chart: Chart

    /// A ratio of one selector over another.
    public init(_ name: String, help: String, numerator: some SelectorConvertible, denominator: some SelectorConvertible,
                by: [String] = ["job"], chart: Chart = .automatic)
    {
        self.init(name, help: help, numerator: [numerator], denominator: [denominator], by: by, chart: chart)
    }

    /// A ratio of sums of selectors, such as hits over `[hits, misses]`.
    public init(_ name: String, help: String, numerator: [any SelectorConvertible], denominator: [any SelectorConvertible],
                by: [String] = ["job"], chart: Chart = .automatic)
    {
        self.name = name
        self.help = help
        self.numerator = numerator.map(\.selector)
        self.denominator = denominator.map(\.selector)
        self.by = by
        self.chart = chart
    }

    /// Whether the ratio compares counter rates (otherwise gauge values).
    package var comparesRates: Bool { (numerator + denominator).first?.metric.type != .gauge }

    /// All selectors, numerator first.
    package var selectors: [SeriesSelector] { numerator + denominator }

    /// The recorded ratio, for alert expressions.
    public var recorded: RecordedSeries {
        RecordedSeries(name: RuleNaming.ratio(name, by: by, rates: comparesRates), sources: selectors.map(\.metric), origin: .ratio(name))
    }
}

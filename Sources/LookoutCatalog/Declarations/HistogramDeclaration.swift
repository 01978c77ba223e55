import Lookout

/// A declared histogram: observations (latencies, sizes) counted into cumulative buckets.
///
/// Dashboards show p50/p90/p99 over time plus a heatmap of the buckets; the rules record
/// `job_quantile:<name>:histogram_quantile` for quantiles 0.5, 0.9 and 0.99. A latency
/// ``ServiceLevelObjective`` threshold must be one of the declared bucket bounds.
///
/// ```swift
/// static let duration = HistogramDeclaration(
///     "http_request_duration_seconds", help: "Time to handle a request.", unit: .seconds,
///     labelNames: ["method"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
///     chart: .init(row: "Latency"))
/// ```
public struct HistogramDeclaration: MetricDeclaration {
    /// The declaration's contents.
    public let metric: DeclaredMetric

    /// Declares a histogram named `name`.
    ///
    /// - Parameters:
    ///   - name: The metric name, `[a-zA-Z_][a-zA-Z0-9_]*`.
    ///   - help: One line saying what is observed.
    ///   - unit: The base unit of the observations; the name must end in `_<unit>`.
    ///   - labelNames: The label names of every series (`le` is reserved).
    ///   - buckets: Upper bounds in the base unit; ``BucketLayout/default`` suits request
    ///     latencies in seconds.
    ///   - chart: Presentation hints; by default quantiles and a heatmap in "Metrics".
    public init(_ name: String, help: String, unit: MetricUnit? = nil, labelNames: [String] = [],
                buckets: BucketLayout = .default, chart: Chart = .automatic)
    {
        metric = DeclaredMetric(name: name, help: help, type: .histogram, unit: unit, labelNames: labelNames, buckets: buckets, chart: chart)
    }

    /// Declares a histogram from an existing descriptor.
    public init(_ descriptor: MetricDescriptor, buckets: BucketLayout = .default, chart: Chart = .automatic) {
        metric = DeclaredMetric(descriptor, buckets: buckets, chart: chart)
    }

    /// The `_bucket` series (one per bound, labelled `le`).
    public var bucket: SeriesSelector { SeriesSelector(metric: metric, sample: .bucket) }
    /// The `_count` series: the number of observations.
    public var count: SeriesSelector { SeriesSelector(metric: metric, sample: .count) }
    /// The `_sum` series: the total of the observations, in the base unit.
    public var sum: SeriesSelector { SeriesSelector(metric: metric, sample: .sum) }

    /// The recorded per-job median over 5 minutes.
    public var p50: RecordedSeries { quantile("0.5") }
    /// The recorded per-job 90th percentile over 5 minutes.
    public var p90: RecordedSeries { quantile("0.9") }
    /// The recorded per-job 99th percentile over 5 minutes.
    public var p99: RecordedSeries { quantile("0.99") }

    private func quantile(_ value: String) -> RecordedSeries {
        RecordedSeries(name: RuleNaming.histogramQuantile(metric.familyName), labels: ["quantile": value], sources: [metric])
    }
}

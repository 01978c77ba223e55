/// A PromQL instant-vector selector over one declared metric: the sample name plus label
/// matchers, such as `http_requests_total{code=~"5.."}`.
///
/// Obtain one from a declaration (``MetricDeclaration/matching(_:_:)``,
/// ``HistogramDeclaration/count``, ...) rather than typing a name; interpolate it into
/// ``PromQL`` or pass it to a ``RatioDeclaration`` or ``ServiceLevelObjective``.
public struct SeriesSelector: SelectorConvertible, Hashable, CustomStringConvertible {
    /// Which of a family's samples the selector reads.
    public enum Sample: String, Sendable, Hashable {
        /// The family's main series: `_total` for counters, `_info` for info metrics, the
        /// bare name for gauges and state sets.
        case series
        /// A histogram's `_bucket` series (with `le`).
        case bucket
        /// A histogram's `_count` series.
        case count
        /// A histogram's `_sum` series.
        case sum
    }

    /// The declared metric the selector reads.
    public let metric: DeclaredMetric
    /// Which sample of the family.
    public let sample: Sample
    /// Label matchers, in the order they were added.
    public let matchers: [LabelMatcher]

    package init(metric: DeclaredMetric, sample: Sample = .series, matchers: [LabelMatcher] = []) {
        self.metric = metric
        self.sample = sample
        self.matchers = matchers
    }

    /// Itself.
    public var selector: SeriesSelector { self }

    /// This selector narrowed to series whose `label` satisfies `match`.
    public func matching(_ label: String, _ match: LabelMatch) -> SeriesSelector {
        SeriesSelector(metric: metric, sample: sample, matchers: matchers + [LabelMatcher(label, match)])
    }

    /// The sample name: `http_requests_total`, `http_request_duration_seconds_bucket`, ...
    public var sampleName: String {
        switch sample {
        case .series: return metric.seriesName
        case .bucket: return metric.familyName + "_bucket"
        case .count: return metric.familyName + "_count"
        case .sum: return metric.familyName + "_sum"
        }
    }

    /// The PromQL selector text.
    public var description: String { rendered() }

    /// The selector text with `extra` matchers (already rendered, such as
    /// `job=~"$job"`) appended after the declared ones.
    package func rendered(adding extra: [String] = []) -> String {
        let all = matchers.map(\.description) + extra
        return all.isEmpty ? sampleName : sampleName + "{" + all.joined(separator: ",") + "}"
    }
}

/// One `promtool test rules` case for an alert: input series, an evaluation time, and
/// which severities must be firing then (none for a silent case).
///
/// Series are written with promtool's expanding notation (`0+10x30` is 0, 10, 20, ... for
/// 31 samples one `interval` apart, `1x20` is twenty-one 1s, `_` is a gap).
///
/// ```swift
/// .fires(.warning, when: "usage stays above 80%", at: .minutes(20), given: [
///     openFDs.series("900x30"), maxFDs.series("1000x30"),
/// ])
/// ```
public struct AlertTest: Sendable, Hashable {
    /// What the case shows, written as a comment into the test file.
    public let name: String
    /// When the alert state is checked, from the start of the series.
    public let evaluationTime: PromDuration
    /// The input series.
    public let series: [TestSeries]
    /// The severities that must be firing at ``evaluationTime``; empty for a silent case.
    public let firing: [AlertSeverity]
    /// The labels each firing alert must carry besides `severity` and the condition's
    /// static labels.
    public let labels: [String: String]
    /// The rendered annotations, when the templates use more than `{{ $labels.x }}` (for
    /// example `{{ $value }}`); `nil` renders `$labels` templates from ``labels``.
    public let annotations: [String: String]?

    /// The alert fires with `severities` at `time`.
    ///
    /// - Parameters:
    ///   - severities: The severities that must be firing (the others must not).
    ///   - name: What the case shows.
    ///   - time: When to check, from the start of the series.
    ///   - labels: The alert's labels from the expression; by default the labels of
    ///     ``TestSeries/defaultTarget`` (`job`, `instance`). Pass `["job": "app"]` for an
    ///     expression that aggregates `by (job)`.
    ///   - annotations: The rendered annotations, when a template uses more than
    ///     `{{ $labels.x }}`; `nil` renders them from `labels`.
    ///   - series: The input series.
    public static func fires(_ severities: AlertSeverity..., when name: String, at time: PromDuration,
                             labels: [String: String] = TestSeries.defaultTarget,
                             annotations: [String: String]? = nil, given series: [TestSeries]) -> AlertTest
    {
        AlertTest(name: name, evaluationTime: time, series: series, firing: severities, labels: labels, annotations: annotations)
    }

    /// The alert does not fire at `time`.
    public static func silent(_ name: String, at time: PromDuration, given series: [TestSeries]) -> AlertTest {
        AlertTest(name: name, evaluationTime: time, series: series, firing: [], labels: [:], annotations: nil)
    }
}

/// An input series of an ``AlertTest``: a declared metric, its labels, and its values in
/// promtool's expanding notation.
public struct TestSeries: Sendable, Hashable {
    /// The target labels every test series carries unless overridden.
    public static let defaultTarget: [String: String] = ["job": "app", "instance": "app:9090"]

    /// The metric and the equality matchers that become labels.
    public let selector: SeriesSelector
    /// Extra labels (they override the selector's and the default target's).
    public let labels: [String: String]
    /// The values, for example `0+5x60` or `1x30 0x30`.
    public let values: String

    /// A series of `metric` with `values`.
    public init(_ metric: some SelectorConvertible, labels: [String: String] = [:], values: String) {
        self.selector = metric.selector
        self.labels = labels
        self.values = values
    }

    /// All labels of the series: default target, equality matchers, then ``labels``.
    package var allLabels: [String: String] {
        var result = TestSeries.defaultTarget
        for matcher in selector.matchers where matcher.match.operator == .equal {
            result[matcher.label] = matcher.match.value
        }
        for (key, value) in labels { result[key] = value }
        return result
    }
}

extension SelectorConvertible {
    /// A test series of this metric with `values` in promtool notation.
    public func series(_ values: String, labels: [String: String] = [:]) -> TestSeries {
        TestSeries(self, labels: labels, values: values)
    }
}

import LookoutCatalog

/// The recording rules a catalog's declarations imply: per-job 5-minute rates of every
/// counter, p50/p90/p99 of every histogram, and every declared ratio.
enum DerivedRules {
    /// The quantiles recorded for each histogram.
    static let quantiles = ["0.5", "0.9", "0.99"]

    /// The catalog's derived recording group, or `nil` if it records nothing.
    static func group(for catalog: MetricCatalog) -> RuleGroup? {
        let window = RuleNaming.rateWindow.description
        var rules: [Rule] = []
        for metric in catalog.declaredMetrics {
            let selector = SeriesSelector(metric: metric)
            switch metric.type {
            case .counter:
                rules.append(.recording(RecordingRule(
                    record: RuleNaming.counterRate(metric.familyName),
                    expr: RuleExpressions.sumRate(selector, window: window, by: ["job"]))))
            case .histogram:
                for quantile in quantiles {
                    rules.append(.recording(RecordingRule(
                        record: RuleNaming.histogramQuantile(metric.familyName),
                        expr: RuleExpressions.quantile(quantile, of: selector, window: window, by: ["job"]),
                        labels: ["quantile": quantile])))
                }
            case .gauge, .info, .stateSet, .unknown:
                continue
            }
        }
        for ratio in catalog.ratios {
            rules.append(.recording(RecordingRule(record: ratio.recorded.name, expr: RuleExpressions.ratio(ratio, window: window, by: ratio.by))))
        }
        return rules.isEmpty ? nil : RuleGroup(name: "\(catalog.module).rules", rules: rules)
    }
}

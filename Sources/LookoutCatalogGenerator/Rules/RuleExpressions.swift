import LookoutCatalog

/// The PromQL the derived rules and panels share: per-second rates of counters, summed and
/// divided, with an optional extra matcher list (dashboards add `job=~"$job"`).
enum RuleExpressions {
    /// `sum by (<by>) (rate(<selector>[<window>]))`; `sum(rate(...))` when `by` is empty.
    static func sumRate(_ selector: SeriesSelector, window: String, by: [String], extra: [String] = []) -> String {
        aggregate("sum", by: by, "rate(\(selector.rendered(adding: extra))[\(window)])")
    }

    /// `sum by (<by>) (<selector>)`.
    static func sumValue(_ selector: SeriesSelector, by: [String], extra: [String] = []) -> String {
        aggregate("sum", by: by, selector.rendered(adding: extra))
    }

    /// `<operator> by (a, b) (<inner>)`, or `<operator>(<inner>)` without labels.
    static func aggregate(_ operator: String, by: [String], _ inner: String) -> String {
        by.isEmpty ? "\(`operator`)(\(inner))" : "\(`operator`) by (\(by.joined(separator: ", "))) (\(inner))"
    }

    /// Several summed terms added up, parenthesised when there is more than one.
    static func total(_ terms: [String]) -> String {
        terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " + ") + ")"
    }

    /// A ratio's expression: numerator sum over denominator sum, by rate or by value.
    static func ratio(_ ratio: RatioDeclaration, window: String, by: [String], extra: [String] = []) -> String {
        func term(_ selector: SeriesSelector) -> String {
            ratio.comparesRates ? sumRate(selector, window: window, by: by, extra: extra) : sumValue(selector, by: by, extra: extra)
        }
        return total(ratio.numerator.map(term)) + " / " + total(ratio.denominator.map(term))
    }

    /// `histogram_quantile(<q>, sum by (le, <by>) (rate(<bucket>[<window>])))`.
    static func quantile(_ quantile: String, of histogram: SeriesSelector, window: String, by: [String], extra: [String] = []) -> String {
        let bucket = SeriesSelector(metric: histogram.metric, sample: .bucket, matchers: histogram.matchers)
        return "histogram_quantile(\(quantile), \(sumRate(bucket, window: window, by: by + ["le"], extra: extra)))"
    }
}

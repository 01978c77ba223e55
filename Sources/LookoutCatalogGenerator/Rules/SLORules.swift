import Lookout
import LookoutCatalog

/// The rules an SLO implies: its SLI error ratio over every standard window, the error
/// budget remaining, and the multiwindow multi-burn-rate alerts.
enum SLORules {
    /// The SLO's rule group: recordings first, then the alerts that read them (rules in
    /// a group are evaluated in order, so the alerts see this round's ratios).
    static func group(for objective: ServiceLevelObjective, in catalog: MetricCatalog, set: CatalogSet) -> RuleGroup {
        var rules: [Rule] = ServiceLevelObjective.Window.allCases.map { window in
            .recording(RecordingRule(record: objective.errorRatio(over: window).name,
                                     expr: errorRatio(objective, window: window.duration(in: objective.period).description)))
        }
        rules.append(.recording(RecordingRule(
            record: objective.errorBudgetRemaining.name,
            expr: "1 - \(objective.errorRatio(over: .period).name) / \(objective.errorBudgetExpression)")))
        let runbook = set.runbookURL(for: objective.alertName, explicit: nil, in: catalog)
        rules += BurnRatePolicy.all.map { .alerting(BurnRatePolicy.rule(for: objective, policy: $0, runbookURL: runbook)) }
        return RuleGroup(name: "\(catalog.module).slo.\(objective.name)", rules: rules)
    }

    /// The SLI error ratio over `window`, per job.
    static func errorRatio(_ objective: ServiceLevelObjective, window: String) -> String {
        switch objective.indicator {
        case .bad(let bad, let total):
            return "\(RuleExpressions.sumRate(bad, window: window, by: ["job"])) / \(RuleExpressions.sumRate(total, window: window, by: ["job"]))"
        case .good(let good, let total):
            return "1 - (\(RuleExpressions.sumRate(good, window: window, by: ["job"])) / \(RuleExpressions.sumRate(total, window: window, by: ["job"])))"
        case .latency(let histogram, let threshold):
            let good = SeriesSelector(metric: histogram.metric, sample: .bucket, matchers: histogram.matchers + [LabelMatcher("le", .equal(leValue(threshold)))])
            let total = SeriesSelector(metric: histogram.metric, sample: .count, matchers: histogram.matchers)
            return "1 - (\(RuleExpressions.sumRate(good, window: window, by: ["job"])) / \(RuleExpressions.sumRate(total, window: window, by: ["job"])))"
        }
    }

    /// The `le` label value the core writes for a bucket bound: its canonical OpenMetrics
    /// form (`0.25`, `1.0`), taken from `Buckets` itself so the two cannot disagree.
    static func leValue(_ bound: Double) -> String {
        (try? Buckets([bound]))?.description ?? PromQLText.number(bound)
    }

    /// `objective` as a percentage for text (`99.9%`).
    static func percent(_ value: Double) -> String {
        PromQLText.number((value * 100 * 1e9).rounded() / 1e9) + "%"
    }
}

/// One burn-rate alert tier: two window pairs, each firing when both windows burn the
/// budget faster than its factor (the SRE workbook's multiwindow, multi-burn-rate alerts).
///
/// A pair is defined by the share of the period's budget it may spend in its long window;
/// the factor follows from the SLO's period (`share × period / long window`), so "2% of the
/// budget in 1 hour" is 14.4× for 30 days and 13.44× for 28 days.
struct BurnRatePolicy: Sendable {
    /// A long and a short window and the budget share spent in the long one.
    struct Pair: Sendable {
        let long: ServiceLevelObjective.Window
        let short: ServiceLevelObjective.Window
        let budgetShare: Double

        /// The burn-rate factor for an SLO over `period`, to four decimals.
        func factor(in period: ServiceLevelObjective.Period) -> Double {
            let value = budgetShare * Double(period.duration.seconds) / Double(long.duration(in: period).seconds)
            return (value * 10_000).rounded() / 10_000
        }
    }

    let severity: AlertSeverity
    let pairs: [Pair]
    let duration: PromDuration
    let pace: String

    /// Page: 2% of the budget in 1 hour or 5% in 6 hours.
    static let page = BurnRatePolicy(severity: .critical, pairs: [Pair(long: .oneHour, short: .fiveMinutes, budgetShare: 0.02),
                                                                  Pair(long: .sixHours, short: .thirtyMinutes, budgetShare: 0.05)],
                                     duration: .minutes(2), pace: "fast")
    /// Ticket: 10% of the budget in 1 day or in 3 days.
    static let ticket = BurnRatePolicy(severity: .warning, pairs: [Pair(long: .oneDay, short: .twoHours, budgetShare: 0.1),
                                                                   Pair(long: .threeDays, short: .sixHours, budgetShare: 0.1)],
                                       duration: .minutes(15), pace: "steadily")
    static let all = [page, ticket]

    /// The highest factor of any pair: an objective whose budget times it reaches 1 can
    /// never page (an error ratio cannot exceed 1).
    static func highestFactor(in period: ServiceLevelObjective.Period) -> Double {
        all.flatMap(\.pairs).map { $0.factor(in: period) }.max() ?? 1
    }

    static func rule(for objective: ServiceLevelObjective, policy: BurnRatePolicy, runbookURL: String?) -> AlertingRule {
        let budget = objective.errorBudgetExpression
        let clauses = policy.pairs.map { pair in
            let factor = PromQLText.number(pair.factor(in: objective.period))
            return "(\(objective.errorRatio(over: pair.long).name) > (\(factor) * \(budget)) and \(objective.errorRatio(over: pair.short).name) > (\(factor) * \(budget)))"
        }
        let windows = policy.pairs.map { pair in
            "\(pair.long.duration(in: objective.period)) and \(pair.short.duration(in: objective.period)) above \(PromQLText.number(pair.factor(in: objective.period)))×"
        }
        var annotations = [
            "summary": "{{ $labels.job }} is burning the \(objective.name) error budget \(policy.pace)",
            "description": "\(objective.description) must stay at or above \(SLORules.percent(objective.objective)) over \(objective.period.rawValue). "
                + "The error ratio is burning the budget over \(windows.joined(separator: ", or over ")) the sustainable rate.",
        ]
        if let runbookURL { annotations["runbook_url"] = runbookURL }
        return AlertingRule(alert: objective.alertName, expr: clauses.joined(separator: " or "), duration: policy.duration,
                            keepFiringFor: nil, labels: ["severity": policy.severity.rawValue, "slo": objective.name], annotations: annotations)
    }
}

import Lookout
import LookoutCatalog

extension CatalogValidator {
    mutating func check(_ ratio: RatioDeclaration, in catalog: MetricCatalog) {
        let subject = "ratio '\(ratio.name)'"
        if !RuleNaming.isSnakeCase(ratio.name) {
            report(catalog, subject, "ratio names must match [a-z][a-z0-9_]* (they name the recording rule)")
        }
        if ratio.help.isEmpty { report(catalog, subject, "help is empty; say what the ratio means") }
        if ratio.numerator.isEmpty || ratio.denominator.isEmpty {
            report(catalog, subject, "numerator and denominator each need at least one selector")
        }
        if ratio.by.isEmpty {
            report(catalog, subject, "by must keep at least one label (usually [\"job\"]) so the recording rule has a level")
        }
        var kinds = Set<Bool>()
        for (index, selector) in ratio.selectors.enumerated() {
            let role = index < ratio.numerator.count ? "numerator" : "denominator"
            check(selector, subject: subject, role: role, in: catalog)
            switch (selector.metric.type, selector.sample) {
            case (.counter, _), (.histogram, .count), (.histogram, .bucket): kinds.insert(true)
            case (.gauge, _): kinds.insert(false)
            default:
                report(catalog, subject, "\(role) '\(selector.sampleName)' is a \(selector.metric.type.rawValue); ratios compare counters (by rate) or gauges (by value)")
            }
            for label in ratio.by where !selector.metric.selectableLabels.contains(label) {
                report(catalog, subject, "by label '\(label)' is not a label of '\(selector.metric.familyName)'")
            }
        }
        if kinds.count > 1 {
            report(catalog, subject, "mixes counters and gauges; a ratio compares either rates of counters or values of gauges")
        }
        check(ratio.chart, of: .ratio(ratio), subject: subject, in: catalog)
    }

    mutating func check(_ objective: ServiceLevelObjective, in catalog: MetricCatalog) {
        let subject = "SLO '\(objective.name)'"
        if !RuleNaming.isSnakeCase(objective.name) {
            report(catalog, subject, "SLO names must match [a-z][a-z0-9_]* (they name the rules and the alert)")
        }
        if objective.description.isEmpty { report(catalog, subject, "description is empty; say what users get when the SLO is met") }
        if !(objective.objective > 0 && objective.objective < 1) {
            report(catalog, subject, "objective \(objective.objective) must be between 0 and 1 exclusive (0.999 is 99.9%)")
        } else {
            let factor = BurnRatePolicy.highestFactor(in: objective.period)
            if (1 - objective.objective) * factor >= 1 {
                let lowest = (((1 - 1 / factor) * 1000).rounded(.down) + 1) / 1000
                report(catalog, subject, "objective \(PromQLText.number(objective.objective)) can never page: its fastest burn threshold (\(PromQLText.number(factor))× the budget of \(PromQLText.number(((1 - objective.objective) * 1e9).rounded() / 1e9)) over \(objective.period.rawValue)) is an error ratio of 1 or more; the lowest objective that works is \(PromQLText.number(lowest))")
            }
        }
        if set.runbookURL(for: objective.alertName, explicit: nil, in: catalog) == nil {
            report(catalog, subject, "its burn-rate alert '\(objective.alertName)' has no runbook URL; pass runbookBaseURL to CatalogSet (every alert links its runbook)")
        }
        if catalog.dashboard(named: objective.dashboard) == nil {
            report(catalog, subject, "dashboard '\(objective.dashboard ?? "")' is not one of the catalog's dashboards (\(catalog.dashboards.map(\.file).joined(separator: ", ")))")
        }
        switch objective.indicator {
        case .good(let events, let total), .bad(let events, let total):
            for (role, selector) in [("events", events), ("total", total)] {
                check(selector, subject: subject, role: role, in: catalog)
                if selector.metric.type != .counter, !(selector.metric.type == .histogram && selector.sample == .count) {
                    report(catalog, subject, "\(role) selector '\(selector.sampleName)' must be a counter (availability SLOs count events)")
                }
            }
        case .latency(let histogram, let threshold):
            check(histogram, subject: subject, role: "histogram", in: catalog)
            guard histogram.metric.type == .histogram else {
                report(catalog, subject, "latency SLOs read a histogram, but '\(histogram.metric.familyName)' is a \(histogram.metric.type.rawValue)")
                return
            }
            if let buckets = try? (histogram.metric.buckets ?? .default).resolve(), !buckets.upperBounds.contains(threshold) {
                report(catalog, subject, "threshold \(PromQLText.number(threshold)) is not a bucket bound of '\(histogram.metric.familyName)'; use one of \(buckets.upperBounds.map { PromQLText.number($0) }.joined(separator: ", ")) or add it to the buckets")
            }
        }
        if case .failure(let failure) = SLOTestScenarios.inputs(for: objective) {
            report(catalog, subject, failure.message)
        }
    }
}

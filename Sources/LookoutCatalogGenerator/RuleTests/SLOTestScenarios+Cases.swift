import LookoutCatalog

extension SLOTestScenarios {
    /// A stretch of the scenario: `minutes` minutes at error ratio `ratio`.
    struct Segment {
        let ratio: Double
        let minutes: Int
    }

    /// A named scenario: segments, evaluation time and the severities firing then.
    struct Scenario {
        let name: String
        let segments: [Segment]
        let evaluationTime: PromDuration
        let firing: [AlertSeverity]
    }

    /// The four scenarios for an SLO whose error budget is `budget`.
    static func scenarios(budget: Double) -> [Scenario] {
        let burst = min(1, 20 * budget)
        return [
            Scenario(name: "silent while errors stay at half the budget", segments: [Segment(ratio: budget / 2, minutes: 360)],
                     evaluationTime: .hours(6), firing: []),
            Scenario(name: "pages and opens a ticket on a fast burn", segments: [Segment(ratio: burst, minutes: 60)],
                     evaluationTime: .hours(1), firing: [.critical, .warning]),
            Scenario(name: "opens a ticket but does not page on a slow burn (2x)", segments: [Segment(ratio: 2 * budget, minutes: 420)],
                     evaluationTime: .hours(7), firing: [.warning]),
            Scenario(name: "the page resolves 35 minutes after errors stop; the ticket stays",
                     segments: [Segment(ratio: burst, minutes: 60), Segment(ratio: 0, minutes: 35)],
                     evaluationTime: .minutes(95), firing: [.warning]),
        ]
    }

    /// The promtool cases for `objective` (none if its inputs cannot be derived, which
    /// validation reports).
    static func cases(for objective: ServiceLevelObjective, in catalog: MetricCatalog, set: CatalogSet) -> [RuleTestCase] {
        guard case .success(let streams) = inputs(for: objective) else { return [] }
        let budget = ((1 - objective.objective) * 1e12).rounded() / 1e12
        let runbook = set.runbookURL(for: objective.alertName, explicit: nil, in: catalog)
        let job = streams.first?.labels["job"] ?? TestSeries.defaultTarget["job"]!
        return scenarios(budget: budget).map { scenario in
            let inputs = streams.map { stream in
                RuleTestCase.Input(series: RuleTestCase.seriesText(stream.name, labels: stream.labels),
                                   values: values(of: stream.role, over: scenario.segments))
            }
            let expected = BurnRatePolicy.all.filter { scenario.firing.contains($0.severity) }.map { policy in
                let rule = BurnRatePolicy.rule(for: objective, policy: policy, runbookURL: runbook)
                var labels = rule.labels
                labels["job"] = job
                var annotations = rule.annotations
                for (key, template) in rule.annotations {
                    if case .success(let text) = AnnotationTemplate.render(template, labels: labels) { annotations[key] = text }
                }
                return RuleTestCase.ExpectedAlert(labels: labels, annotations: annotations)
            }
            return RuleTestCase(name: "\(objective.alertName): \(scenario.name)", inputs: inputs,
                                evaluationTime: scenario.evaluationTime, alertName: objective.alertName, expected: expected)
        }
    }

    /// Promtool notation for a counter of `role` events over `segments`: each segment
    /// continues from the previous value at its own per-minute increase.
    static func values(of role: Stream.Role, over segments: [Segment]) -> String {
        var parts: [String] = []
        var value = 0.0
        for (index, segment) in segments.enumerated() {
            let step: Double
            switch role {
            case .bad: step = rounded(segment.ratio * eventsPerMinute)
            case .good: step = rounded((1 - segment.ratio) * eventsPerMinute)
            case .total: step = eventsPerMinute
            }
            if index == 0 {
                parts.append("0+\(PromQLText.number(step))x\(segment.minutes)")
                value = step * Double(segment.minutes)
            } else {
                value = rounded(value + step)
                parts.append("\(PromQLText.number(value))+\(PromQLText.number(step))x\(segment.minutes - 1)")
                value = rounded(value + step * Double(segment.minutes - 1))
            }
        }
        return parts.joined(separator: " ")
    }

    private static func rounded(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
}

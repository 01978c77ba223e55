import LookoutCatalog

/// Turns a declared alert's ``AlertTest``s into promtool test cases.
enum AlertTestCases {
    static func cases(for alert: AlertDeclaration, in catalog: MetricCatalog, set: CatalogSet) -> [RuleTestCase] {
        alert.tests.map { test in
            let inputs = test.series.map { series in
                RuleTestCase.Input(series: RuleTestCase.seriesText(series.selector.sampleName, labels: series.allLabels), values: series.values)
            }
            let expected = alert.conditions
                .filter { test.firing.contains($0.severity) }
                .sorted { $0.severity < $1.severity }
                .map { condition in
                    let rule = AlertRules.rule(for: alert, condition: condition, in: catalog, set: set)
                    var labels = test.labels
                    for (key, value) in rule.labels { labels[key] = value }
                    return RuleTestCase.ExpectedAlert(labels: labels, annotations: annotations(of: rule, test: test))
                }
            return RuleTestCase(name: "\(alert.name): \(test.name)", inputs: inputs, evaluationTime: test.evaluationTime,
                                alertName: alert.name, expected: expected)
        }
    }

    /// The annotations promtool will render: the test's explicit ones, else the rule's
    /// templates filled from the alert's labels (validation guarantees they render).
    static func annotations(of rule: AlertingRule, test: AlertTest) -> [String: String] {
        var rendered: [String: String] = [:]
        for (key, template) in rule.annotations {
            if let explicit = test.annotations?[key] {
                rendered[key] = explicit
            } else if case .success(let text) = AnnotationTemplate.render(template, labels: test.labels.merging(rule.labels) { _, new in new }) {
                rendered[key] = text
            } else {
                rendered[key] = template
            }
        }
        return rendered
    }
}

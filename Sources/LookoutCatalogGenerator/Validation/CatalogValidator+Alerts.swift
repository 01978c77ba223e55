import Lookout
import LookoutCatalog

extension CatalogValidator {
    mutating func check(_ alert: AlertDeclaration, in catalog: MetricCatalog) {
        let subject = "alert '\(alert.name)'"
        if !RuleNaming.isPascalCase(alert.name) {
            report(catalog, subject, "alert names are PascalCase letters and digits, such as 'HTTPErrorsHigh'")
        }
        if alert.summary.isEmpty { report(catalog, subject, "summary is empty; write the one line a responder reads first") }
        if alert.description.isEmpty { report(catalog, subject, "description is empty; say what is happening and why it matters") }
        if set.runbookURL(for: alert.name, explicit: alert.runbookURL, in: catalog) == nil {
            report(catalog, subject, "has no runbook URL; pass runbookBaseURL to CatalogSet (for the generated runbook pages) or set runbookURL on the alert")
        }
        if alert.conditions.isEmpty { report(catalog, subject, "has no conditions; add at least one (.warning(...), .critical(...))") }
        var severities = Set<AlertSeverity>()
        for condition in alert.conditions {
            let tier = "\(subject) (\(condition.severity.rawValue))"
            if !severities.insert(condition.severity).inserted {
                report(catalog, tier, "two conditions have this severity; each severity appears once per alert")
            }
            check(condition.expr, subject: tier, in: catalog)
            if let node = checkExpression(condition.expr.text, subject: tier, in: catalog, interpolated: condition.expr.referencedNames) {
                checkKeptLabels(node, of: alert, condition: condition, subject: tier, in: catalog)
            }
            for label in condition.labels.keys.sorted() {
                if !MetricNaming.isValidLabelName(label) {
                    report(catalog, tier, "label name '\(label)' is invalid; use [a-zA-Z_][a-zA-Z0-9_]*")
                } else if ["severity", "alertname"].contains(label) {
                    report(catalog, tier, "label '\(label)' is set by the generator; remove it from labels")
                }
            }
        }
        checkTests(of: alert, severities: severities, subject: subject, in: catalog)
    }

    /// Every selector and recorded series an expression interpolates must be declared.
    mutating func check(_ expr: PromQL, subject: String, in catalog: MetricCatalog) {
        for reference in expr.references {
            switch reference {
            case .selector(let selector): check(selector, subject: subject, role: "expr", in: catalog)
            case .recorded(let series): check(series, subject: subject, role: "expr", in: catalog)
            }
        }
    }

    private mutating func checkTests(of alert: AlertDeclaration, severities: Set<AlertSeverity>, subject: String, in catalog: MetricCatalog) {
        if !alert.tests.contains(where: { $0.firing.isEmpty }) {
            report(catalog, subject, "has no silent test; add .silent(...) proving it stays quiet when the service is healthy")
        }
        for severity in AlertSeverity.allCases where severities.contains(severity) {
            if !alert.tests.contains(where: { $0.firing.contains(severity) }) {
                report(catalog, subject, "no test proves the \(severity.rawValue) condition fires; add .fires(.\(severity.rawValue), when: ..., at: ..., given: ...)")
            }
        }
        for test in alert.tests {
            let testSubject = "\(subject) test '\(test.name)'"
            if test.name.isEmpty { report(catalog, subject, "a test has an empty name; say what it shows") }
            if test.evaluationTime.seconds == 0 { report(catalog, testSubject, "evaluation time must be after the start (> 0s)") }
            if test.series.isEmpty { report(catalog, testSubject, "has no input series") }
            for severity in test.firing where !severities.contains(severity) {
                report(catalog, testSubject, "expects a \(severity.rawValue) alert, but the alert has no \(severity.rawValue) condition")
            }
            for series in test.series {
                check(series.selector, subject: testSubject, role: "series", in: catalog)
                if let problem = PromtoolSeriesValues.problem(in: series.values) {
                    report(catalog, testSubject, "series \(series.selector.sampleName) values '\(series.values)': \(problem)")
                }
                for label in series.allLabels.keys.sorted() where !MetricNaming.isValidLabelName(label) && label != "le" {
                    report(catalog, testSubject, "series label name '\(label)' is invalid")
                }
            }
            for condition in alert.conditions where test.firing.contains(condition.severity) {
                let earliest = Self.earliestFiring(of: condition)
                if test.evaluationTime < earliest {
                    report(catalog, testSubject, "expects the \(condition.severity.rawValue) alert firing at \(test.evaluationTime), but with for: \(condition.duration ?? PromDuration(seconds: 0))\(Self.readsRange(condition.expr.text) ? " and a range needing a second sample (1m)" : "") it cannot fire before \(earliest); evaluate at \(earliest) or later")
                }
                let labels = test.labels.merging(condition.labels) { _, new in new }.merging(["severity": condition.severity.rawValue]) { _, new in new }
                for (key, template) in [("summary", alert.summary), ("description", alert.description)] where test.annotations?[key] == nil {
                    if case .failure(let failure) = AnnotationTemplate.render(template, labels: labels) {
                        report(catalog, testSubject, "cannot derive the expected \(key): \(failure.message)")
                    }
                }
            }
        }
    }
}

extension CatalogValidator {
    /// The earliest evaluation time a promtool test can see `condition` firing: its `for`,
    /// plus one sample interval (1m) when it reads a range (`rate()` needs two samples).
    static func earliestFiring(of condition: AlertDeclaration.Condition) -> PromDuration {
        PromDuration(seconds: (condition.duration?.seconds ?? 0) + (readsRange(condition.expr.text) ? 60 : 0))
    }

    /// Whether the expression reads a range or a subquery.
    static func readsRange(_ text: String) -> Bool {
        guard let node = try? PromQLParser.parse(text) else { return false }
        var found = false
        walk(node) { node in
            switch node {
            case .range, .subquery: found = true
            default: break
            }
        }
        return found
    }
}

extension PromQL {
    /// The series names the expression interpolates from declarations.
    var referencedNames: Set<String> {
        Set(references.map { reference in
            switch reference {
            case .selector(let selector): return selector.sampleName
            case .recorded(let series): return series.name
            }
        })
    }
}

import LookoutCatalog

/// The alerting rules of a catalog's declared alerts: one rule per severity tier.
enum AlertRules {
    /// The catalog's alert group, or `nil` if it declares no alerts.
    static func group(for catalog: MetricCatalog, set: CatalogSet) -> RuleGroup? {
        let rules = catalog.alerts.flatMap { alert in
            alert.conditions.map { Rule.alerting(rule(for: alert, condition: $0, in: catalog, set: set)) }
        }
        return rules.isEmpty ? nil : RuleGroup(name: "\(catalog.module).alerts", rules: rules)
    }

    static func rule(for alert: AlertDeclaration, condition: AlertDeclaration.Condition, in catalog: MetricCatalog, set: CatalogSet) -> AlertingRule {
        var labels = condition.labels
        labels["severity"] = condition.severity.rawValue
        var annotations = ["summary": alert.summary, "description": alert.description]
        if let url = set.runbookURL(for: alert.name, explicit: alert.runbookURL, in: catalog) { annotations["runbook_url"] = url }
        return AlertingRule(alert: alert.name, expr: condition.expr.text, duration: condition.duration,
                            keepFiringFor: condition.keepFiringFor, labels: labels, annotations: annotations)
    }
}

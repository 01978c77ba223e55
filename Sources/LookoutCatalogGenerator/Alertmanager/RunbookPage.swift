import LookoutCatalog

/// Renders `alerts/runbooks/<module>.md`: one section per alert (anchor = its name in
/// lower case, the `runbook_url` fragment) with what it means, its conditions and how to
/// respond, plus the SLO burn-rate alerts.
enum RunbookPage {
    static func name(for catalog: MetricCatalog) -> String { "runbooks/\(catalog.module).md" }

    static func render(_ catalog: MetricCatalog, set: CatalogSet) -> String? {
        guard !catalog.alerts.isEmpty || !catalog.objectives.isEmpty else { return nil }
        var lines = [
            "<!-- \(GeneratedHeader.marker)\(set.generatorName) from the '\(catalog.module)' metric catalog — do not edit; change the declarations and run `swift package --allow-writing-to-package-directory generate-alerts`. -->",
            "",
            "# \(catalog.title) runbook",
            "",
            "Alerts of the `\(catalog.module)` module. Rules: [`\(RuleFile.name(for: catalog))`](../\(RuleFile.name(for: catalog))).",
        ]
        for alert in catalog.alerts {
            lines += ["", "## \(alert.name)", "", "**\(readable(alert.summary))**", "", readable(alert.description), "", "| Severity | Expression | For |", "|---|---|---|"]
            for condition in alert.conditions {
                let duration = [condition.duration.map { "\($0)" }, condition.keepFiringFor.map { "keeps firing \($0)" }].compactMap { $0 }.joined(separator: ", ")
                lines.append("| \(condition.severity.rawValue) | `\(condition.expr.text.replacingPipes())` | \(duration.isEmpty ? "—" : duration) |")
            }
            lines += ["", "### How to respond", "", alert.response ?? "Check the dashboards of the `\(catalog.module)` module for the job and instance in the alert's labels."]
        }
        for objective in catalog.objectives {
            lines += ["", "## \(objective.alertName)", "",
                      "**The `\(objective.name)` SLO is burning its error budget.**", "",
                      "\(objective.description) must stay at or above \(SLORules.percent(objective.objective)) over \(objective.period.rawValue).", "",
                      "- `critical` (page): the error ratio exceeds \(ObjectivePanels.pairText(BurnRatePolicy.page, objective.period)) the budget: 2% of the \(objective.period.rawValue) budget spent in an hour, or 5% in six hours.",
                      "- `warning` (ticket): the error ratio exceeds \(ObjectivePanels.pairText(BurnRatePolicy.ticket, objective.period)) the budget: 10% of the budget spent in a day, or in three days.",
                      "", "### How to respond", "",
                      "Open the \"\(ObjectivePanels.row)\" row of the module's dashboard: the burn-rate panel shows which window is burning. Find the failing requests (status codes, routes, upstream errors) on the same dashboard, then roll back or mitigate the change that started it."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An annotation template made readable in prose: `{{ $labels.job }}` becomes the code
    /// span `<job>` (a bare `<job>` would be taken for an HTML tag).
    static func readable(_ template: String) -> String {
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += rest[..<open.lowerBound]
            let action = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
            for prefix in ["$labels.", ".Labels."] where action.hasPrefix(prefix) {
                output += "`<\(action.dropFirst(prefix.count))>`"
            }
            if !action.hasPrefix("$labels."), !action.hasPrefix(".Labels.") { output += "`<\(action == "$value" ? "value" : action)>`" }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}

import LookoutCatalog

/// Renders the metrics reference, `metrics.md`: every declared metric of every catalog,
/// grouped by module, with its type, unit, labels and help, and the generated alerts,
/// recording rules and SLOs that read it; then each module's ratios, alerts and SLOs.
///
/// The page is generated like the dashboards and rules (and checked for drift the same
/// way), so it cannot disagree with what the services export. Its links assume it sits
/// in a folder beside `dashboards/` and `alerts/` (the default, `docs/`).
enum MetricsReference {
    /// The generated file's name.
    static let fileName = "metrics.md"

    /// The whole page for `set`.
    static func render(_ set: CatalogSet) -> String {
        let usage = MetricUsage(set)
        let metricCount = set.catalogs.reduce(0) { $0 + $1.metrics.count }
        let alertCount = set.catalogs.reduce(0) { $0 + $1.alerts.count + $1.objectives.count }
        var lines = [
            "<!-- \(GeneratedHeader.marker)\(set.generatorName) from the metric catalogs — do not edit; change the declarations in code, then run `swift run \(set.generatorName) reference`. -->",
            "",
            "# Metrics reference",
            "",
            "Every metric the \(plural(set.catalogs.count, "module")) below declare (\(plural(metricCount, "metric")), \(plural(alertCount, "alert"))), "
                + "generated from the same declarations as the dashboards and rules. Names are as Prometheus scrapes them: "
                + "a counter's samples end in `_total`, an info metric's in `_info` (value 1); a histogram `x` is exposed as "
                + "`x_bucket{le}`, `x_count` and `x_sum`; a state set `x` as one sample per state, labelled `x`, 1 for the current state. "
                + "Every series also carries the target labels `job` and `instance`. "
                + "\"Used by\" lists the generated alerts, recording rules and SLOs that read the metric, directly or through a recording rule.",
            "",
        ]
        lines += set.catalogs.map { catalog in
            "- [\(catalog.title)](#\(anchor(catalog.title))): \(plural(catalog.metrics.count, "metric"))"
                + (catalog.alerts.count + catalog.objectives.count > 0 ? ", \(plural(catalog.alerts.count + catalog.objectives.count, "alert"))" : "")
        }
        for catalog in set.catalogs {
            lines += section(for: catalog, set: set, usage: usage)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One module's section.
    static func section(for catalog: MetricCatalog, set: CatalogSet, usage: MetricUsage) -> [String] {
        var files = ["Dashboards: " + catalog.dashboards.map { "[`\($0.file).json`](../dashboards/\($0.file).json)" }.joined(separator: ", ") + "."]
        if !RuleFile.groups(for: catalog, set: set).isEmpty {
            files.append("Rules: [`\(RuleFile.name(for: catalog))`](../alerts/\(RuleFile.name(for: catalog))).")
        }
        if !catalog.alerts.isEmpty || !catalog.objectives.isEmpty {
            files.append("Runbook: [`\(RunbookPage.name(for: catalog))`](../alerts/\(RunbookPage.name(for: catalog))).")
        }
        var lines = ["", "## \(catalog.title)", "", "Module `\(catalog.module)`. " + files.joined(separator: " "), "",
                     "| Metric | Type | Unit | Labels | Help | Used by |", "|---|---|---|---|---|---|"]
        for metric in catalog.declaredMetrics {
            lines.append("| `\(sampleName(metric))` | \(metric.type.rawValue) | \(metric.unit.map { "`\($0.rawValue)`" } ?? "—") | \(labels(metric)) | \(cell(metric.help)) | \(usedBy(usage[metric.familyName])) |")
        }
        if !catalog.ratios.isEmpty {
            lines += ["", "### Ratios", "", "| Recorded as | Help |", "|---|---|"]
            lines += catalog.ratios.map { "| `\($0.recorded.name)` | \(cell($0.help)) |" }
        }
        if !catalog.alerts.isEmpty || !catalog.objectives.isEmpty {
            lines += ["", "### Alerts", "", "| Alert | Severity (for) | Summary |", "|---|---|---|"]
            for alert in catalog.alerts {
                let tiers = alert.conditions.map { condition in
                    condition.severity.rawValue + (condition.duration.map { " (\($0))" } ?? "")
                }
                lines.append("| `\(alert.name)` | \(tiers.joined(separator: ", ")) | \(cell(RunbookPage.readable(alert.summary))) |")
            }
            for objective in catalog.objectives {
                lines.append("| `\(objective.alertName)` | critical, warning | The `\(objective.name)` SLO burns its error budget too fast (multiwindow burn rate). |")
            }
        }
        if !catalog.objectives.isEmpty {
            lines += ["", "### Service-level objectives", "", "| SLO | Objective | Period | What |", "|---|---|---|---|"]
            lines += catalog.objectives.map {
                "| `\($0.name)` | \(SLORules.percent($0.objective)) | \($0.period.rawValue) | \(cell($0.description)) |"
            }
        }
        return lines
    }

    /// The name a plain selector reads: `_total` for counters, `_info` for info metrics.
    static func sampleName(_ metric: DeclaredMetric) -> String {
        metric.type == .stateSet ? metric.familyName : metric.seriesName
    }

    /// The labels cell: the declared label names, and a state set's own label with its states.
    static func labels(_ metric: DeclaredMetric) -> String {
        var names = metric.labelNames.map { "`\($0)`" }
        if metric.type == .stateSet {
            names.append("`\(metric.familyName)` (" + metric.states.map { "`\($0)`" }.joined(separator: ", ") + ")")
        }
        return names.isEmpty ? "—" : names.joined(separator: ", ")
    }

    /// The "used by" cell.
    static func usedBy(_ users: MetricUsage.Users) -> String {
        var parts: [String] = []
        if !users.alerts.isEmpty { parts.append("alerts " + users.alerts.map { "`\($0)`" }.joined(separator: ", ")) }
        if !users.recordings.isEmpty { parts.append("rules " + users.recordings.map { "`\($0)`" }.joined(separator: ", ")) }
        if !users.objectives.isEmpty { parts.append("SLOs " + users.objectives.map { "`\($0)`" }.joined(separator: ", ")) }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    /// `text` made safe for one Markdown table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        String(text.map { $0 == "\n" ? " " : $0 }).replacingPipes()
    }

    /// The anchor GitHub gives a heading: lower case, spaces as `-`, punctuation dropped.
    static func anchor(_ title: String) -> String {
        String(title.lowercased().unicodeScalars.compactMap { scalar -> Character? in
            if scalar == " " { return "-" }
            return scalar.isASCIIAlphanumeric || scalar == "-" || scalar == "_" ? Character(scalar) : nil
        })
    }

    /// `count` and `noun`, plural unless one.
    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

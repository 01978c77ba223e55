import Foundation
import LookoutCatalog

/// The last line of defence: every expression the generator is about to write (recording
/// rules, alerting rules, SLO rules, dashboard queries) is parsed and checked, so a file
/// Prometheus or Grafana would reject is never written.
extension CatalogValidator {
    /// Dashboard variables replaced by a value of their kind before parsing, as Grafana's
    /// dashboard-linter does.
    static let dashboardVariables = [("$__rate_interval", "5m"), ("$__interval", "1m"), ("$__range", "1d")]

    mutating func checkGeneratedExpressions() {
        for catalog in set.catalogs {
            for group in RuleFile.groups(for: catalog, set: set) {
                for rule in group.rules {
                    switch rule {
                    case .recording(let recording):
                        let subject = "generated recording rule '\(recording.record)' (group \(group.name))"
                        if let node = checkExpression(recording.expr, subject: subject, in: catalog) {
                            checkRecordingName(recording, node: node, subject: subject, in: catalog)
                        }
                    case .alerting(let alerting):
                        checkExpression(alerting.expr, subject: "generated alert '\(alerting.alert)' (group \(group.name))", in: catalog)
                    }
                }
            }
            let placed = PanelFactory.panels(for: catalog)
            for dashboard in catalog.dashboards {
                let json = DashboardBuilder.json(for: dashboard, of: catalog, panels: placed.filter { $0.dashboard == dashboard.file }, set: set)
                for problem in DashboardLint.problems(in: json, series: series) {
                    report(catalog, "dashboard '\(dashboard.file)'", problem)
                }
            }
            var panels = placed.map { ($0.dashboard, $0.spec) }
            for dashboard in catalog.dashboards where dashboard.isOverview {
                panels += set.catalogs.flatMap { other in other.objectives.map { (dashboard.file, ObjectivePanels.summary(for: $0, module: other.module)) } }
            }
            for (dashboard, spec) in panels {
                for target in spec.targets {
                    var expr = target.expr
                    for (variable, value) in Self.dashboardVariables { expr = expr.replacing(variable, with: value) }
                    checkExpression(expr, subject: "dashboard '\(dashboard)' panel '\(spec.title)'", in: catalog)
                }
            }
        }
    }

    /// A recording rule is named `level:metric:operations`, and its level names labels the
    /// result keeps.
    private mutating func checkRecordingName(_ rule: RecordingRule, node: PromQLNode, subject: String, in catalog: MetricCatalog) {
        let parts = rule.record.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            report(catalog, subject, "recording rule names follow level:metric:operations (for example job:http_requests:rate5m)")
            return
        }
        // The operations name what the expression does: `rate5m` a rate over 5m,
        // `histogram_quantile` a quantile.
        let operations = String(parts[2])
        var windows: [Int] = []
        var calls = Set<String>()
        Self.walk(node) { node in
            guard case .call(let function, let arguments, _) = node else { return }
            calls.insert(function)
            if ["rate", "irate", "increase"].contains(function), case .range(_, let milliseconds, _)? = arguments.first { windows.append(milliseconds) }
        }
        if let range = operations.range(of: "rate", options: .backwards), let window = PromQLDuration.milliseconds(String(operations[range.upperBound...])),
           !windows.contains(window) {
            report(catalog, subject, "the operations '\(operations)' promise a rate over \(operations[range.upperBound...]), but the expression has none")
        }
        if operations == "histogram_quantile", !calls.contains("histogram_quantile") {
            report(catalog, subject, "the operations 'histogram_quantile' promise a quantile, but the expression does not call histogram_quantile()")
        }
        guard let kept = ExpressionLabels.kept(by: node, series: series) else { return }
        let available = Set(kept.union(rule.labels.keys).flatMap { $0.split(separator: "_").map(String.init) })
        let level = parts[0].split(separator: "_").map(String.init)
        if let missing = level.first(where: { !available.contains($0) }) {
            report(catalog, subject, "the level '\(parts[0])' names label '\(missing)', which the expression does not keep (it keeps [\(kept.sorted().joined(separator: ", "))])")
        }
    }
}

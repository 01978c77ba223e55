import LookoutCatalog

/// The rules of Grafana's dashboard-linter, checked on every generated dashboard before it
/// is written: the data-source, `job` and `instance` variables; uneditable dashboards;
/// panels with a title, a description, a known unit, targets and the `$datasource`;
/// queries that parse, filter on `$job` (and `$instance` where the series has one) and
/// rate over `$__rate_interval`.
///
/// One deliberate waiver: recording rules aggregated by `job` carry no `instance` label, so
/// their queries (SLO panels) filter on `$job` only; requiring `instance=~"$instance"` would
/// drop every series.
enum DashboardLint {
    /// The value `$__rate_interval` expands to while parsing (the linter uses the same
    /// trick), so a rate over any other window is told apart.
    static let rateIntervalMilliseconds = 8_869_990_787
    /// Dashboard variables expanded before parsing.
    static let variables = [("$__rate_interval", "\(rateIntervalMilliseconds)ms"), ("$__interval", "4867856611ms"), ("$__range", "6069770749ms")]

    /// Every rule the dashboard breaks, as readable sentences.
    static func problems(in dashboard: JSONValue, series: SeriesCatalog) -> [String] {
        var problems: [String] = []
        if dashboard["editable"] != .bool(false) { problems.append("uneditable-dashboard: editable must be false (generated dashboards are changed in code)") }
        let variables = dashboard["templating"]?["list"]?.arrayValue ?? []
        let source = variables.first { $0["type"]?.stringValue == "datasource" }
        if source?["name"]?.stringValue != "datasource" || source?["label"]?.stringValue != "Data source" || source?["query"]?.stringValue != "prometheus" {
            problems.append("template-datasource-rule: needs a Prometheus data-source variable named 'datasource', labelled 'Data source'")
        }
        for (name, label) in [("job", "Job"), ("instance", "Instance")] {
            guard let variable = variables.first(where: { $0["name"]?.stringValue == name }) else {
                problems.append("template-\(name)-rule: no '\(name)' variable")
                continue
            }
            let ok = variable["type"]?.stringValue == "query" && variable["multi"] == .bool(true) && variable["allValue"]?.stringValue == ".+"
                && variable["label"]?.stringValue == label && variable["datasource"]?["uid"]?.stringValue == "${datasource}"
                && variable["refresh"] == .int(2)
            if !ok { problems.append("template-\(name)-rule: '\(name)' must be a multi-value query variable of ${datasource} labelled '\(label)', allValue '.+', refresh 2") }
        }
        guard dashboard["annotations"]?["list"]?.arrayValue?.contains(where: { $0["target"]?["expr"]?.stringValue?.hasPrefix("ALERTS{") == true }) == true else {
            return problems + ["annotations: no ALERTS annotation showing the firing alerts of the selected jobs"]
        }
        for panel in dashboard["panels"]?.arrayValue ?? [] where panel["type"]?.stringValue != "row" {
            problems += self.problems(inPanel: panel, series: series)
        }
        return problems
    }

    private static func problems(inPanel panel: JSONValue, series: SeriesCatalog) -> [String] {
        let title = panel["title"]?.stringValue ?? ""
        let name = "panel '\(title)'"
        var problems: [String] = []
        if title.isEmpty || (panel["description"]?.stringValue ?? "").isEmpty {
            problems.append("panel-title-description-rule: \(name) needs a title and a description")
        }
        if panel["datasource"]?["uid"]?.stringValue != "${datasource}" { problems.append("panel-datasource-rule: \(name) must read ${datasource}") }
        let kind = panel["type"]?.stringValue ?? ""
        if kind != "heatmap" {
            let unit = panel["fieldConfig"]?["defaults"]?["unit"]?.stringValue ?? ""
            if !GrafanaUnit.knownIDs.contains(unit) { problems.append("panel-units-rule: \(name) has unit '\(unit)', which is not one of Grafana's unit ids") }
        }
        guard let targets = panel["targets"]?.arrayValue, !targets.isEmpty else {
            return problems + ["panel-no-targets-rule: \(name) has no targets"]
        }
        for target in targets {
            guard var expr = target["expr"]?.stringValue else { continue }
            for (variable, value) in variables { expr = expr.replacing(variable, with: value) }
            guard let node = try? PromQLParser.parse(expr) else {
                problems.append("target-promql-rule: \(name) query does not parse: \(expr)")
                continue
            }
            for (selector, _) in node.selectors {
                let matchers = Set(selector.matchers.map { "\($0.label)\($0.op)\($0.value)" })
                if !matchers.contains("job=~$job") { problems.append("target-job-rule: \(name) selector \(selector.name ?? "{}") lacks job=~\"$job\"") }
                let hasInstance = selector.name.flatMap { series.labels(of: $0) }?.contains("instance") ?? true
                if hasInstance, !matchers.contains("instance=~$instance") {
                    problems.append("target-instance-rule: \(name) selector \(selector.name ?? "{}") lacks instance=~\"$instance\"")
                }
            }
            CatalogValidator.walk(node) { node in
                guard case .call(let function, let arguments, _) = node, ["rate", "irate"].contains(function),
                      case .range(_, let milliseconds, _)? = arguments.first, milliseconds != rateIntervalMilliseconds else { return }
                problems.append("target-rate-interval-rule: \(name) \(function)() must range over $__rate_interval")
            }
        }
        return problems
    }
}

extension JSONValue {
    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}

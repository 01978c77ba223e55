import LookoutCatalog

/// Expression checks, pint-style: every expression parses and type-checks as Prometheus
/// 2.42 would, reads only declared series (or allow-listed external ones), and never takes
/// `rate()` of a gauge or of a recording rule that is already a rate.
extension CatalogValidator {
    /// Parses, type-checks and lints `text`, reporting every problem under `subject`.
    ///
    /// - Returns: The parsed expression, or `nil` if it does not parse or type-check.
    @discardableResult
    mutating func checkExpression(_ text: String, subject: String, in catalog: MetricCatalog?, interpolated: Set<String> = []) -> PromQLNode? {
        if let error = PromQLCheck.problem(in: text) {
            report(catalog, subject, "expr \(Self.pointer(error, in: text))")
            return nil
        }
        guard let node = try? PromQLParser.parse(text) else { return nil }
        for (selector, span) in node.selectors {
            // Interpolated references are checked (and reported) by the reference checks.
            guard let name = selector.name, series[name] == nil, !interpolated.contains(name) else { continue }
            let hint = series.closest(to: name).map { "did you mean '\($0)'? " } ?? ""
            let error = PromQLError("'\(name)' is not a declared metric, a generated recording rule or an external metric; \(hint)interpolate the declaration (\"\\(Metrics.x)\") instead of typing its name, or list it in the catalog's externalMetrics",
                                    start: span.start, end: span.start + name.count)
            report(catalog, subject, "expr \(Self.pointer(error, in: text))")
        }
        Self.walk(node) { call in
            guard case .call(let function, let arguments, _) = call, ["rate", "irate", "increase"].contains(function),
                  let argument = arguments.first, let (name, span) = Self.rangedSelector(argument) else { return }
            switch series[name] {
            case .declared(let metric, let sample)? where sample == .series && [.gauge, .info, .stateSet].contains(metric.type):
                let error = PromQLError("\(function)() of '\(name)', a \(metric.type.rawValue): \(function) only makes sense on counters (and histogram _bucket, _count, _sum); use deriv() or delta() for a gauge, or declare it as a counter",
                                        start: span.start, end: span.end)
                report(catalog, subject, "expr \(Self.pointer(error, in: text))")
            case .recorded(_, true)?:
                let error = PromQLError("\(function)() of '\(name)', a recording rule that is already a per-second rate; use it directly",
                                        start: span.start, end: span.end)
                report(catalog, subject, "expr \(Self.pointer(error, in: text))")
            default:
                break
            }
        }
        return node
    }

    /// The selector of `foo[5m]` (through `offset`, `@` and parentheses), if that is what
    /// `node` is.
    static func rangedSelector(_ node: PromQLNode) -> (String, PromQLNode.Span)? {
        switch node {
        case .range(.selector(let selector, let span), _, _): return selector.name.map { ($0, span) }
        case .modified(let inner, _, _), .parenthesised(let inner, _): return rangedSelector(inner)
        default: return nil
        }
    }

    /// Calls `visit` on `node` and every descendant.
    static func walk(_ node: PromQLNode, _ visit: (PromQLNode) -> Void) {
        visit(node)
        for child in node.children { walk(child, visit) }
    }

    /// The error with the expression quoted and the offending text underlined, indented to
    /// sit under a problem line.
    static func pointer(_ error: PromQLError, in text: String) -> String {
        let lines = error.pointing(into: text).split(separator: "\n", omittingEmptySubsequences: false)
        return ([String(lines[0])] + lines.dropFirst().map { "      " + $0 }).joined(separator: "\n")
    }

    /// The labels the conditions of `alert` must keep: those its annotation templates read
    /// and those Alertmanager groups and routes by (`job`; `alertname` and `severity` are
    /// the rule's own).
    func requiredLabels(of alert: AlertDeclaration) -> [String] {
        let routing = set.alertmanager.groupBy.filter { !["alertname", "severity"].contains($0) }
        return (ExpressionLabels.templateLabels(in: alert.summary + " " + alert.description) + routing).uniqued()
    }

    /// Checks that `condition`'s result keeps every label the alert needs.
    mutating func checkKeptLabels(_ node: PromQLNode, of alert: AlertDeclaration, condition: AlertDeclaration.Condition,
                                  subject: String, in catalog: MetricCatalog) {
        guard let kept = ExpressionLabels.kept(by: node, series: series) else { return }
        let available = kept.union(condition.labels.keys).union(["severity", "alertname"])
        let missing = requiredLabels(of: alert).filter { !available.contains($0) }
        guard !missing.isEmpty else { return }
        report(catalog, subject, "expr keeps only the labels [\(kept.sorted().joined(separator: ", "))], but the alert's annotations or Alertmanager routing use [\(missing.joined(separator: ", "))]; keep them in the aggregation (sum by (\((kept.sorted() + missing).joined(separator: ", "))) (...)) or stop using them")
    }
}

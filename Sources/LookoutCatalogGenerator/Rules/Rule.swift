import LookoutCatalog

/// A Prometheus rule: a recording rule (`record`) or an alerting rule (`alert`).
enum Rule: Sendable, Hashable {
    case recording(RecordingRule)
    case alerting(AlertingRule)

    /// The rule as a YAML mapping, keys in Prometheus' documented order.
    var yaml: YAMLNode {
        switch self {
        case .recording(let rule):
            var entries = [YAMLNode.Entry("record", .string(rule.record)), .init("expr", .string(rule.expr))]
            if !rule.labels.isEmpty { entries.append(.init("labels", .sortedStrings(rule.labels))) }
            return .mapping(entries)
        case .alerting(let rule):
            var entries = [YAMLNode.Entry("alert", .string(rule.alert)), .init("expr", .string(rule.expr))]
            if let duration = rule.duration { entries.append(.init("for", .string(duration.description))) }
            if let keep = rule.keepFiringFor { entries.append(.init("keep_firing_for", .string(keep.description))) }
            entries.append(.init("labels", .sortedStrings(rule.labels)))
            entries.append(.init("annotations", .sortedStrings(rule.annotations)))
            return .mapping(entries)
        }
    }
}

/// A recording rule: `record` is the new series' name (`level:metric:operations`).
struct RecordingRule: Sendable, Hashable {
    let record: String
    let expr: String
    var labels: [String: String] = [:]
}

/// An alerting rule, one severity tier of a declared alert.
struct AlertingRule: Sendable, Hashable {
    let alert: String
    let expr: String
    let duration: PromDuration?
    let keepFiringFor: PromDuration?
    /// Includes `severity`.
    let labels: [String: String]
    /// `summary`, `description` and `runbook_url`.
    let annotations: [String: String]
}

/// A named group of rules evaluated in order at the same interval.
struct RuleGroup: Sendable, Hashable {
    let name: String
    let rules: [Rule]

    var yaml: YAMLNode {
        .mapping([.init("name", .string(name)), .init("rules", .sequence(rules.map(\.yaml)))])
    }
}

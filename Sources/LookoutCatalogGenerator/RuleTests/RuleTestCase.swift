import LookoutCatalog

/// One `promtool test rules` test group: input series and the alerts expected at one
/// evaluation time.
struct RuleTestCase: Sendable, Hashable {
    /// An input series: `name{labels}` and promtool values.
    struct Input: Sendable, Hashable {
        let series: String
        let values: String
    }

    /// An alert promtool must see firing (labels without `alertname`).
    struct ExpectedAlert: Sendable, Hashable {
        let labels: [String: String]
        let annotations: [String: String]
    }

    let name: String
    let inputs: [Input]
    let evaluationTime: PromDuration
    let alertName: String
    let expected: [ExpectedAlert]

    var yaml: YAMLNode {
        let alerts = expected.map { alert in
            YAMLNode.mapping([.init("exp_labels", .sortedStrings(alert.labels)), .init("exp_annotations", .sortedStrings(alert.annotations))])
        }
        return .mapping([
            .init("name", .string(name)),
            .init("interval", .string("1m")),
            .init("input_series", .sequence(inputs.map { .mapping([.init("series", .string($0.series)), .init("values", .string($0.values))]) })),
            .init("alert_rule_test", .sequence([.mapping([
                .init("eval_time", .string(evaluationTime.description)),
                .init("alertname", .string(alertName)),
                .init("exp_alerts", .sequence(alerts)),
            ])])),
        ])
    }

    /// `name{a="1",b="2"}` with labels sorted and values escaped.
    static func seriesText(_ name: String, labels: [String: String]) -> String {
        guard !labels.isEmpty else { return name }
        return name + "{" + labels.keys.sorted().map { "\($0)=\"\(PromQLText.escape(labels[$0]!))\"" }.joined(separator: ",") + "}"
    }
}

/// One catalog's `alerts/tests/<module>-test.yaml`: the declared alert tests and the
/// generated SLO burn-rate scenarios.
enum RuleTestFile {
    static func name(for catalog: MetricCatalog) -> String { "tests/\(catalog.module)-test.yaml" }

    /// The test cases of the catalog, alerts first, then SLOs, in declaration order.
    static func cases(for catalog: MetricCatalog, set: CatalogSet) -> [RuleTestCase] {
        catalog.alerts.flatMap { AlertTestCases.cases(for: $0, in: catalog, set: set) }
            + catalog.objectives.flatMap { SLOTestScenarios.cases(for: $0, in: catalog, set: set) }
    }

    /// The YAML text, or `nil` when the catalog has nothing to test.
    static func render(_ catalog: MetricCatalog, set: CatalogSet) -> String? {
        let cases = cases(for: catalog, set: set)
        guard !cases.isEmpty else { return nil }
        let root = YAMLNode.mapping([
            .init("rule_files", .strings(["../" + RuleFile.name(for: catalog)])),
            .init("evaluation_interval", .string("1m")),
            .init("tests", .sequence(cases.map(\.yaml))),
        ])
        var header = GeneratedHeader.lines(for: catalog, set: set, verb: "generate-alerts")
        header.append("Run: promtool test rules alerts/\(name(for: catalog))")
        return YAMLWriter.render(root, headerComment: header)
    }
}

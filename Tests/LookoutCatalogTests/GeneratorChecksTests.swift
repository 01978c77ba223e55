import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

/// The checks that have no single broken declaration to show them: burn factors per period,
/// the external-metric allow-list, and the dashboard lint on hand-broken dashboards.
@Suite("Generator checks")
struct GeneratorChecksTests {
    @Test("burn-rate factors spend the same budget share over 28 and 30 days", arguments: [
        (ServiceLevelObjective.Period.days30, [14.4, 6, 3, 1]), (.days28, [13.44, 5.6, 2.8, 0.9333]),
    ])
    func burnFactors(_ period: ServiceLevelObjective.Period, _ expected: [Double]) {
        #expect(BurnRatePolicy.all.flatMap(\.pairs).map { $0.factor(in: period) } == expected)
        #expect(BurnRatePolicy.highestFactor(in: period) == expected[0])
    }

    @Test("an external metric is readable once the catalog lists it")
    func externalMetrics() {
        let requests = BrokenDeclarations.requests
        func set(external: [String]) -> CatalogSet {
            let alert = AlertDeclaration("NodeLoaded", severity: .warning, expr: "max by (job) (node_load1) > 4", summary: "{{ $labels.job }} is loaded",
                                         description: "d", tests: [.silent("quiet", at: .minutes(5), given: [requests.series("0x10")]),
                                                                   .fires(.warning, when: "loaded", at: .minutes(5), labels: ["job": "app"], given: [requests.series("0x10")])])
            return CatalogSet([MetricCatalog("orders", title: "Orders", metrics: [requests], alerts: [alert], externalMetrics: external)],
                              runbookBaseURL: "https://runbooks.orders.internal")
        }
        #expect(set(external: []).problems().map(\.message).contains { $0.contains("'node_load1' is not a declared metric") })
        #expect(set(external: ["node_load1"]).problems() == [])
        #expect(set(external: []).problems().count == 1)
    }

    @Test("the dashboard lint flags each broken rule")
    func dashboardLint() throws {
        let set = CatalogSet([BrokenDeclarations.set().catalogs[0]], runbookBaseURL: "https://runbooks.orders.internal")
        let catalog = set.catalogs[0]
        let json = DashboardBuilder.json(for: catalog.dashboards[0], of: catalog, panels: PanelFactory.panels(for: catalog), set: set)
        let series = SeriesCatalog(set)
        #expect(DashboardLint.problems(in: json, series: series) == [])
        guard case .object(var root) = json, case .array(var panels)? = root["panels"], case .object(var panel) = panels[1],
              case .array(var targets)? = panel["targets"], case .object(var target) = targets[0] else {
            Issue.record("unexpected dashboard shape")
            return
        }
        target["expr"] = "sum(rate(orders_requests_total{job=~\"$job\"}[5m]))"
        targets[0] = .object(target)
        panel["targets"] = .array(targets)
        panel["description"] = ""
        panels[1] = .object(panel)
        root["panels"] = .array(panels)
        root["editable"] = true
        root["annotations"] = ["list": []]
        #expect(DashboardLint.problems(in: .object(root), series: series) == [
            "uneditable-dashboard: editable must be false (generated dashboards are changed in code)",
            "annotations: no ALERTS annotation showing the firing alerts of the selected jobs",
        ])
        root["annotations"] = json["annotations"]
        let title = panel["title"]?.stringValue ?? ""
        #expect(DashboardLint.problems(in: .object(root), series: series) == [
            "uneditable-dashboard: editable must be false (generated dashboards are changed in code)",
            "panel-title-description-rule: panel '\(title)' needs a title and a description",
            "target-instance-rule: panel '\(title)' selector orders_requests_total lacks instance=~\"$instance\"",
            "target-rate-interval-rule: panel '\(title)' rate() must range over $__rate_interval",
        ])
    }
}

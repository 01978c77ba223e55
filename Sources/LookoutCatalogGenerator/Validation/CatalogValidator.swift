import Lookout
import LookoutCatalog

/// Checks a ``CatalogSet`` and collects every problem, each with its declaration and a fix.
///
/// Split by concern: this file checks the set, modules, dashboards and metrics;
/// `+Charts` checks presentation hints and selectors; `+Rules` ratios and SLOs;
/// `+Alerts` alerts and their tests.
struct CatalogValidator {
    let set: CatalogSet
    /// Every series name expressions may read.
    let series: SeriesCatalog
    private(set) var problems: [CatalogProblem] = []

    init(set: CatalogSet) {
        self.set = set
        series = SeriesCatalog(set)
    }

    mutating func report(_ catalog: MetricCatalog?, _ subject: String, _ message: String) {
        problems.append(CatalogProblem(catalog: catalog?.module ?? "", subject: subject, message: message))
    }

    mutating func run() {
        guard !set.catalogs.isEmpty else {
            report(nil, "catalog set", "there are no catalogs; pass each module's `catalog` to CatalogSet")
            return
        }
        checkModulesAndDashboards()
        checkUniqueNames()
        for catalog in set.catalogs {
            for metric in catalog.declaredMetrics { check(metric, in: catalog) }
            for ratio in catalog.ratios { check(ratio, in: catalog) }
            for objective in catalog.objectives { check(objective, in: catalog) }
            for alert in catalog.alerts { check(alert, in: catalog) }
        }
        if problems.isEmpty { checkGeneratedExpressions() }
    }

    private mutating func checkModulesAndDashboards() {
        var modules = Set<String>()
        var files = [String: String]()
        var uids = [String: String]()
        for catalog in set.catalogs {
            if !RuleNaming.isSnakeCase(catalog.module) {
                report(catalog, "module '\(catalog.module)'", "module names must match [a-z][a-z0-9_]* (they name the rule files); rename it, for example to '\(catalog.module.lowercased().replacingNonIdentifierCharacters())'")
            }
            if !modules.insert(catalog.module).inserted {
                report(catalog, "module '\(catalog.module)'", "two catalogs use this module name; each module needs its own")
            }
            if catalog.title.isEmpty { report(catalog, "module '\(catalog.module)'", "the title is empty; give the catalog a human title") }
            let placed = Set(PanelFactory.panels(for: catalog).map(\.dashboard))
            let summarisesObjectives = set.catalogs.contains { !$0.objectives.isEmpty }
            for dashboard in catalog.dashboards {
                let subject = "dashboard '\(dashboard.file)'"
                if !placed.contains(dashboard.file), !(dashboard.isOverview && summarisesObjectives) {
                    report(catalog, subject, "no panel goes on it; point a chart at it (dashboard: \"\(dashboard.file)\") or remove the dashboard")
                }
                if dashboard.file.isEmpty || !dashboard.file.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) {
                    report(catalog, subject, "dashboard file names must match [a-z0-9_-]+ (they become dashboards/<file>.json)")
                }
                if dashboard.title.isEmpty { report(catalog, subject, "the title is empty") }
                if dashboard.uid.isEmpty || dashboard.uid.count > 40 || !dashboard.uid.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" }) {
                    report(catalog, subject, "uid '\(dashboard.uid)' must be 1–40 characters of [A-Za-z0-9_-] (Grafana's limit); pass a shorter uid:")
                }
                if let other = files.updateValue(catalog.module, forKey: dashboard.file) {
                    report(catalog, subject, "catalog '\(other)' already writes dashboards/\(dashboard.file).json; choose another file name")
                }
                if let other = uids.updateValue(catalog.module, forKey: dashboard.uid) {
                    report(catalog, subject, "uid '\(dashboard.uid)' is already used by a dashboard of catalog '\(other)'; uids must be unique")
                }
            }
        }
    }

    /// Metric families, sample names, ratios, SLOs and alerts must be unique across the set.
    private mutating func checkUniqueNames() {
        var families = [String: (module: String, metric: DeclaredMetric)]()
        var samples = [String: String]()
        var rules = [String: String]()
        var alerts = [String: String]()
        for catalog in set.catalogs {
            for metric in catalog.declaredMetrics {
                let subject = "metric '\(metric.name)'"
                if let other = families.updateValue((catalog.module, metric), forKey: metric.familyName) {
                    let differing = other.metric == metric ? "identically" : "with a different " + Self.differences(metric, other.metric).joined(separator: ", ")
                    report(catalog, subject, "'\(metric.familyName)' is also declared by catalog '\(other.module)' (\(differing)); declare each metric once and reference that declaration")
                    continue
                }
                for sample in MetricNaming.sampleNames(family: metric.familyName, type: metric.type) {
                    if let other = samples.updateValue(metric.familyName, forKey: sample), other != metric.familyName {
                        report(catalog, subject, "its sample '\(sample)' collides with metric '\(other)'; rename one of them")
                    }
                }
            }
            for ratio in catalog.ratios {
                if let other = rules.updateValue(catalog.module, forKey: "ratio " + ratio.name) {
                    report(catalog, "ratio '\(ratio.name)'", "catalog '\(other)' declares a ratio with this name; ratio names must be unique")
                }
            }
            for objective in catalog.objectives {
                if let other = rules.updateValue(catalog.module, forKey: "slo " + objective.name) {
                    report(catalog, "SLO '\(objective.name)'", "catalog '\(other)' declares an SLO with this name; SLO names must be unique")
                }
                if let other = alerts.updateValue(catalog.module, forKey: objective.alertName) {
                    report(catalog, "SLO '\(objective.name)'", "its burn-rate alert '\(objective.alertName)' clashes with an alert of catalog '\(other)'; rename one")
                }
            }
            for alert in catalog.alerts {
                if let other = alerts.updateValue(catalog.module, forKey: alert.name) {
                    report(catalog, "alert '\(alert.name)'", "catalog '\(other)' declares an alert with this name; put all severities of an alert in one declaration's conditions")
                }
            }
        }
    }

    private mutating func check(_ metric: DeclaredMetric, in catalog: MetricCatalog) {
        let subject = "metric '\(metric.name)'"
        let nonBaseUnit = checkUnit(of: metric, subject: subject, in: catalog)
        do {
            _ = try metric.descriptor()
        } catch where !(nonBaseUnit && error.code == .unitMismatch) {
            report(catalog, subject, error.message)
        } catch {}
        switch metric.type {
        case .histogram:
            do {
                _ = try (metric.buckets ?? .default).resolve()
            } catch {
                report(catalog, subject, "buckets [\(metric.buckets?.description ?? "")]: \(error.message)")
            }
        case .stateSet:
            if metric.states.isEmpty || metric.states.count > 64 {
                report(catalog, subject, "a state set needs 1–64 states (it has \(metric.states.count))")
            }
            if Set(metric.states).count != metric.states.count || metric.states.contains("") {
                report(catalog, subject, "states must be distinct and non-empty: \(metric.states)")
            }
        case .info:
            if metric.labelNames.isEmpty { report(catalog, subject, "an info metric carries its facts as labels; declare at least one label") }
        case .unknown:
            report(catalog, subject, "declare a counter, gauge, histogram, info or state set; 'unknown' is for custom collectors")
        case .counter, .gauge:
            break
        }
        check(metric.chart, of: .metric(metric), subject: subject, in: catalog)
    }
}

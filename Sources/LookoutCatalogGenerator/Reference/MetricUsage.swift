import LookoutCatalog

/// Which generated rules read each declared metric, across every catalog of a set: the
/// alerts (declared ones and SLO burn-rate alerts), the derived recording rules (rates,
/// quantiles, ratios) and the SLOs whose recordings read it.
///
/// A rule that reads a recording rule is counted as reading the metrics that recording
/// reads, so an alert on a recorded ratio is listed under both metrics of the ratio.
struct MetricUsage {
    /// The rules reading one metric, each list in rule-file order without repeats.
    struct Users: Hashable {
        /// Alert names.
        var alerts: [String] = []
        /// Derived recording rules (rates, quantiles, ratios).
        var recordings: [String] = []
        /// SLO names.
        var objectives: [String] = []
    }

    /// Users by family name (no `_total`/`_info` suffix).
    private(set) var users: [String: Users] = [:]

    /// The usage of every metric `set` declares.
    init(_ set: CatalogSet) {
        let series = SeriesCatalog(set)
        // Recorded series name → the families it reads, built from every recording rule
        // before any alert is looked at, so rules may read recordings of other catalogs.
        var recorded: [String: Set<String>] = [:]
        func families(in expr: String) -> Set<String> {
            guard let node = try? PromQLParser.parse(expr) else { return [] }
            var found = Set<String>()
            for (selector, _) in node.selectors {
                guard let name = selector.name else { continue }
                if case .declared(let metric, _)? = series[name] { found.insert(metric.familyName) }
                found.formUnion(recorded[name] ?? [])
            }
            return found
        }
        // Two passes reach recordings that read recordings of a later catalog.
        for _ in 0..<2 {
            for catalog in set.catalogs {
                for rule in Self.recordings(of: catalog, set: set) {
                    recorded[rule.record, default: []].formUnion(families(in: rule.expr))
                }
            }
        }
        for catalog in set.catalogs {
            for rule in DerivedRules.group(for: catalog)?.rules ?? [] {
                guard case .recording(let recording) = rule else { continue }
                for family in families(in: recording.expr) { users[family, default: Users()].recordings.append(recording.record) }
            }
            for objective in catalog.objectives {
                for rule in SLORules.group(for: objective, in: catalog, set: set).rules {
                    switch rule {
                    case .recording(let recording):
                        for family in families(in: recording.expr) { users[family, default: Users()].objectives.append(objective.name) }
                    case .alerting(let alerting):
                        for family in families(in: alerting.expr) { users[family, default: Users()].alerts.append(alerting.alert) }
                    }
                }
            }
            for rule in AlertRules.group(for: catalog, set: set)?.rules ?? [] {
                guard case .alerting(let alerting) = rule else { continue }
                for family in families(in: alerting.expr) { users[family, default: Users()].alerts.append(alerting.alert) }
            }
        }
        users = users.mapValues { Users(alerts: $0.alerts.uniqued(), recordings: $0.recordings.uniqued(), objectives: $0.objectives.uniqued()) }
    }

    /// The rules reading `family`; empty lists when none does.
    subscript(family: String) -> Users { users[family] ?? Users() }

    /// Every recording rule of `catalog`: derived ones, then each SLO's.
    private static func recordings(of catalog: MetricCatalog, set: CatalogSet) -> [RecordingRule] {
        let groups = [DerivedRules.group(for: catalog)].compactMap { $0 }
            + catalog.objectives.map { SLORules.group(for: $0, in: catalog, set: set) }
        return groups.flatMap(\.rules).compactMap { rule in
            if case .recording(let recording) = rule { return recording }
            return nil
        }
    }
}

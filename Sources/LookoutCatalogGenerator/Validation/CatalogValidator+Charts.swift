import Lookout
import LookoutCatalog

extension CatalogValidator {
    /// What a chart belongs to.
    enum ChartOwner {
        case metric(DeclaredMetric)
        case ratio(RatioDeclaration)
    }

    mutating func check(_ chart: Chart, of owner: ChartOwner, subject: String, in catalog: MetricCatalog) {
        guard !chart.isHidden else { return }
        if catalog.dashboard(named: chart.dashboard) == nil {
            report(catalog, subject, "chart dashboard '\(chart.dashboard ?? "")' is not one of the catalog's dashboards (\(catalog.dashboards.map(\.file).joined(separator: ", ")))")
        }
        if chart.row?.isEmpty == true { report(catalog, subject, "the chart row is empty; name the row or pass nil for '\(Chart.defaultRow)'") }
        if chart.title?.isEmpty == true { report(catalog, subject, "the chart title is empty; give a title or pass nil to derive one") }
        if let width = chart.width, !(1...24).contains(width) {
            report(catalog, subject, "chart width \(width) is outside 1–24 (the Grafana grid has 24 columns)")
        }
        if let unit = chart.unit, !unit.isKnown {
            report(catalog, subject, "'\(unit)' is not a Grafana unit id; use one such as s, ms, bytes, reqps, ops, percentunit, short (or a custom 'suffix:<text>')")
        }
        if let thresholds = chart.thresholds { check(thresholds, subject: subject, in: catalog) }
        if let min = chart.min, let max = chart.max, !(min < max) {
            report(catalog, subject, "chart min \(min) must be below max \(max)")
        }
        if [chart.min, chart.max].contains(where: { $0.map { !$0.isFinite } ?? false }) {
            report(catalog, subject, "chart min and max must be finite")
        }

        let kept: [String]
        let selectable: Set<String>
        switch owner {
        case .metric(let metric):
            checkKind(chart, metric: metric, subject: subject, in: catalog)
            selectable = metric.selectableLabels
            kept = chart.keptLabels(for: metric)
        case .ratio(let ratio):
            if let kind = chart.kind, ![.stat, .timeseries, .gauge].contains(kind) {
                report(catalog, subject, "a ratio is drawn as a stat, timeseries or gauge panel, not \(kind.rawValue)")
            }
            let labelSets = ratio.selectors.map(\.metric.selectableLabels)
            selectable = labelSets.dropFirst().reduce(labelSets.first ?? []) { $0.intersection($1) }
            kept = chart.by ?? []
        }
        for label in chart.by ?? [] where !selectable.contains(label) {
            report(catalog, subject, "chart 'by' label '\(label)' is not a label of the metric (available: \(selectable.sorted().joined(separator: ", ")))")
        }
        if let legend = chart.legend {
            for name in Chart.placeholders(in: legend) where !kept.contains(name) {
                report(catalog, subject, "legend '\(legend)' uses {{\(name)}}, but the panel keeps only [\(kept.joined(separator: ", "))]; add '\(name)' to the chart's by: or drop it from the legend")
            }
        }
    }

    private mutating func checkKind(_ chart: Chart, metric: DeclaredMetric, subject: String, in catalog: MetricCatalog) {
        if chart.display == .age, metric.type != .gauge {
            report(catalog, subject, "display .age (time since a timestamp) applies to gauges only")
        }
        guard let kind = chart.kind else { return }
        switch (metric.type, kind) {
        case (.histogram, .timeseries), (.histogram, .heatmap), (.info, .table), (.stateSet, .table):
            return
        case (.histogram, _):
            report(catalog, subject, "a histogram is drawn as quantiles (.timeseries) or a heatmap (.heatmap), not \(kind.rawValue); leave kind nil for both")
        case (.info, _), (.stateSet, _):
            report(catalog, subject, "\(metric.type.rawValue) metrics are drawn as tables; leave kind nil")
        case (_, .heatmap):
            report(catalog, subject, "only histograms can be drawn as heatmaps")
        case (_, .gauge) where chart.max == nil:
            report(catalog, subject, "a gauge panel needs a max (its full scale); use Chart.gauge(max:) or a stat panel")
        default:
            return
        }
    }

    private mutating func check(_ thresholds: Thresholds, subject: String, in catalog: MetricCatalog) {
        if thresholds.steps.contains(where: { !$0.value.isFinite }) {
            report(catalog, subject, "threshold values must be finite")
        }
        for (previous, next) in zip(thresholds.steps, thresholds.steps.dropFirst()) where !(previous.value < next.value) {
            report(catalog, subject, "thresholds must ascend, but \(next.value) follows \(previous.value)")
        }
        if ([thresholds.base] + thresholds.steps.map(\.color)).contains(where: \.isEmpty) {
            report(catalog, subject, "threshold colours must not be empty (use names such as green, orange, red or #rrggbb)")
        }
    }

    /// Checks that `selector` reads a metric some catalog declares (the very same
    /// declaration), with matchers on labels the metric has.
    mutating func check(_ selector: SeriesSelector, subject: String, role: String, in catalog: MetricCatalog) {
        let metric = selector.metric
        guard let (owner, declared) = set.declaration(of: metric.familyName) else {
            report(catalog, subject, "\(role) references metric '\(metric.familyName)', which no catalog declares; add its declaration to a catalog's metrics")
            return
        }
        if declared != metric {
            report(catalog, subject, "\(role) references a declaration of '\(metric.familyName)' whose \(Self.differences(metric, declared).joined(separator: ", ")) differ\(Self.differences(metric, declared).count == 1 ? "s" : "") from the one in catalog '\(owner.module)'; reference that declaration instead of declaring the metric again")
        }
        if metric.type == .histogram, selector.sample == .series, role != "histogram" {
            report(catalog, subject, "\(role) selects histogram '\(metric.familyName)' as a whole; use its .bucket, .count or .sum")
        }
        let labels = metric.selectableLabels.union(selector.sample == .bucket ? ["le"] : [])
        for matcher in selector.matchers where !labels.contains(matcher.label) {
            report(catalog, subject, "\(role) matches label '\(matcher.label)', which '\(metric.familyName)' does not have (labels: \(labels.sorted().joined(separator: ", ")))")
        }
    }

    /// Checks a recorded series reference: its sources must be declared.
    mutating func check(_ series: RecordedSeries, subject: String, role: String, in catalog: MetricCatalog) {
        switch series.origin {
        case .metric:
            break
        case .ratio(let name):
            if !set.catalogs.contains(where: { $0.ratios.contains { $0.name == name } }) {
                report(catalog, subject, "\(role) uses the recorded ratio '\(series.name)', but no catalog declares ratio '\(name)'; add it to a catalog's ratios")
            }
        case .objective(let name):
            if !set.catalogs.contains(where: { $0.objectives.contains { $0.name == name } }) {
                report(catalog, subject, "\(role) uses '\(series.name)', but no catalog declares SLO '\(name)'; add it to a catalog's objectives")
            }
        }
        for source in series.sources {
            check(SeriesSelector(metric: source, sample: source.type == .histogram ? .count : .series), subject: subject, role: role, in: catalog)
        }
    }
}

extension CatalogValidator {
    /// The fields in which two declarations of one metric differ, each with both values.
    static func differences(_ found: DeclaredMetric, _ declared: DeclaredMetric) -> [String] {
        var fields: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T, _ show: (T) -> String) {
            if a != b { fields.append("\(name) (\(show(a)) here, \(show(b)) declared)") }
        }
        compare("name", found.name, declared.name) { "'\($0)'" }
        compare("type", found.type, declared.type) { $0.rawValue }
        compare("help", found.help, declared.help) { "'\($0)'" }
        compare("unit", found.unit, declared.unit) { $0.map { "'\($0)'" } ?? "none" }
        compare("label names", found.labelNames, declared.labelNames) { "[\($0.joined(separator: ", "))]" }
        compare("buckets", found.buckets, declared.buckets) { $0.map { "[\($0)]" } ?? "none" }
        compare("states", found.states, declared.states) { "[\($0.joined(separator: ", "))]" }
        if found.chart != declared.chart { fields.append("chart hints") }
        return fields.isEmpty ? ["contents"] : fields
    }
}

import LookoutCatalog

/// Turns a catalog's declarations into panels: a counter becomes a per-second rate, a
/// histogram p50/p90/p99 plus a heatmap, a gauge its current value, an info or state-set
/// metric a table, a ratio a percentage. Every query filters on the `job` and `instance`
/// variables and uses `$__rate_interval` in every `rate()`.
enum PanelFactory {
    /// The matchers every raw-metric query gets.
    static let variableMatchers = ["job=~\"$job\"", "instance=~\"$instance\""]
    /// The window of every dashboard `rate()`.
    static let rateWindow = "$__rate_interval"

    /// All panels of `catalog`, in declaration order: metrics, ratios, then SLOs.
    static func panels(for catalog: MetricCatalog) -> [PlacedPanel] {
        var placed: [PlacedPanel] = []
        for metric in catalog.declaredMetrics where !metric.chart.isHidden {
            let dashboard = catalog.dashboard(named: metric.chart.dashboard)?.file ?? catalog.module
            let source = SeriesSelector(metric: metric, sample: metric.type == .histogram ? .count : .series).sampleName
            for spec in specs(for: metric) {
                placed.append(PlacedPanel(dashboard: dashboard, row: metric.chart.row ?? Chart.defaultRow, spec: spec, variableSource: source))
            }
        }
        for ratio in catalog.ratios where !ratio.chart.isHidden {
            let dashboard = catalog.dashboard(named: ratio.chart.dashboard)?.file ?? catalog.module
            placed.append(PlacedPanel(dashboard: dashboard, row: ratio.chart.row ?? Chart.defaultRow, spec: spec(for: ratio),
                                      variableSource: ratio.denominator.first?.sampleName))
        }
        for objective in catalog.objectives {
            let dashboard = catalog.dashboard(named: objective.dashboard)?.file ?? catalog.module
            for spec in ObjectivePanels.specs(for: objective) {
                placed.append(PlacedPanel(dashboard: dashboard, row: ObjectivePanels.row, spec: spec, variableSource: nil))
            }
        }
        return placed
    }

    /// The panels of one metric.
    static func specs(for metric: DeclaredMetric) -> [PanelSpec] {
        let chart = metric.chart
        let selector = SeriesSelector(metric: metric)
        let kept = chart.keptLabels(for: metric)
        let title = chart.title ?? UnitMapping.title(for: metric)
        let legend = chart.legend ?? defaultLegend(kept, fallback: title)
        func spec(_ kind: PanelKind, key: String, title: String, targets: [PanelTarget], unit: GrafanaUnit, bucketUnit: GrafanaUnit? = nil) -> PanelSpec {
            let size = PanelSpec.size(of: kind)
            return PanelSpec(key: "metric:\(metric.familyName):\(key)", kind: kind, title: title, description: metric.help, targets: targets,
                             unit: chart.unit ?? unit, thresholds: chart.thresholds, min: chart.min, max: chart.max,
                             width: chart.width ?? size.width, height: size.height, bucketUnit: bucketUnit)
        }
        switch metric.type {
        case .counter:
            let expr = RuleExpressions.sumRate(selector, window: rateWindow, by: kept, extra: variableMatchers)
            return [spec(chart.kind ?? .timeseries, key: "rate", title: chart.title ?? title + " / s",
                         targets: [PanelTarget(expr: expr, legend: legend)], unit: UnitMapping.rate(metric.unit))]
        case .gauge:
            let rendered = selector.rendered(adding: variableMatchers)
            let expr = chart.display == .age
                ? "time() - " + RuleExpressions.aggregate("max", by: kept, rendered)
                : RuleExpressions.aggregate("sum", by: kept, rendered)
            return [spec(chart.kind ?? .stat, key: "value", title: title, targets: [PanelTarget(expr: expr, legend: legend)],
                         unit: chart.display == .age ? .duration : UnitMapping.value(metric.unit))]
        case .histogram:
            var panels: [PanelSpec] = []
            if chart.kind != .heatmap {
                let targets = DerivedRules.quantiles.map { quantile in
                    let label = "p" + quantile.dropFirst(2) + (quantile.count == 3 ? "0" : "")
                    return PanelTarget(expr: RuleExpressions.quantile(quantile, of: selector, window: rateWindow, by: kept, extra: variableMatchers),
                                       legend: chart.legend.map { "\(label) \($0)" } ?? (kept.isEmpty ? label : "\(label) \(defaultLegend(kept, fallback: ""))"))
                }
                panels.append(spec(.timeseries, key: "quantiles", title: chart.title ?? title + " p50 / p90 / p99", targets: targets, unit: UnitMapping.value(metric.unit)))
            }
            if chart.kind != .timeseries {
                let bucket = SeriesSelector(metric: metric, sample: .bucket)
                let expr = RuleExpressions.sumRate(bucket, window: rateWindow, by: ["le"], extra: variableMatchers)
                panels.append(spec(.heatmap, key: "heatmap", title: (chart.title ?? title) + " distribution",
                                   targets: [PanelTarget(expr: expr, legend: "{{le}}", format: .heatmap)], unit: .short,
                                   bucketUnit: chart.unit ?? UnitMapping.value(metric.unit)))
            }
            return panels
        case .info, .stateSet:
            let rendered = selector.rendered(adding: variableMatchers)
            let expr = metric.type == .stateSet ? "\(rendered) == 1" : rendered
            return [spec(.table, key: "table", title: title, targets: [PanelTarget(expr: expr, legend: "", format: .table, instant: true)], unit: .none)]
        case .unknown:
            return []
        }
    }

    /// A ratio as a percentage (a stat with a sparkline unless the chart says otherwise).
    static func spec(for ratio: RatioDeclaration) -> PanelSpec {
        let chart = ratio.chart
        let kept = chart.by ?? []
        let kind = chart.kind ?? .stat
        let size = PanelSpec.size(of: kind)
        let title = chart.title ?? ratio.name.replacingUnderscoresWithSpaces().prefix(1).uppercased() + ratio.name.replacingUnderscoresWithSpaces().dropFirst() + " ratio"
        let expr = RuleExpressions.ratio(ratio, window: rateWindow, by: kept, extra: variableMatchers)
        return PanelSpec(key: "ratio:\(ratio.name)", kind: kind, title: title, description: ratio.help,
                         targets: [PanelTarget(expr: expr, legend: chart.legend ?? defaultLegend(kept, fallback: title))],
                         unit: chart.unit ?? .percentUnit, thresholds: chart.thresholds, min: chart.min ?? 0, max: chart.max ?? 1,
                         width: chart.width ?? size.width, height: size.height)
    }

    /// `{{a}} {{b}}` for the kept labels, or `fallback` when none are kept.
    static func defaultLegend(_ kept: [String], fallback: String) -> String {
        kept.isEmpty ? fallback : kept.map { "{{\($0)}}" }.joined(separator: " ")
    }
}

import LookoutCatalog

/// A panel before layout: what it shows and how big it wants to be. ``PanelJSON`` renders
/// it once ``GridLayout`` has placed it and ``PanelIDs`` has numbered it.
struct PanelSpec: Sendable, Hashable {
    /// A stable identity (`metric:http_requests:rate`), hashed into the panel id so ids
    /// survive panels being added elsewhere.
    let key: String
    let kind: PanelKind
    let title: String
    let description: String
    let targets: [PanelTarget]
    let unit: GrafanaUnit
    var thresholds: Thresholds? = nil
    var min: Double? = nil
    var max: Double? = nil
    let width: Int
    let height: Int
    /// The unit of a heatmap's bucket axis.
    var bucketUnit: GrafanaUnit? = nil

    /// The default width and height of each kind on the 24-column grid.
    static func size(of kind: PanelKind) -> (width: Int, height: Int) {
        switch kind {
        case .timeseries, .heatmap: return (12, 8)
        case .stat, .gauge: return (6, 8)
        case .table: return (12, 8)
        }
    }
}

/// One query of a panel.
struct PanelTarget: Sendable, Hashable {
    /// The response shape Grafana asks Prometheus for.
    enum Format: String, Sendable, Hashable {
        case timeSeries = "time_series"
        case table
        case heatmap
    }

    let expr: String
    let legend: String
    var format: Format = .timeSeries
    var instant: Bool = false
}

/// A panel on its way to a dashboard: which dashboard and row, and the metric whose
/// labels fill the `job`/`instance` variables.
struct PlacedPanel: Sendable, Hashable {
    let dashboard: String
    let row: String
    let spec: PanelSpec
    /// A sample name to query `label_values(...)` of, if the panel reads raw metrics.
    let variableSource: String?
}

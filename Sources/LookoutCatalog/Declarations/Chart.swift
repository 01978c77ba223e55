/// How a declared metric, ratio or SLO is shown on its dashboard: which dashboard and row,
/// which panel kind, display unit, thresholds, legend and aggregation.
///
/// Every field is optional; the generator picks what a reader expects from the metric's
/// type and unit (a counter becomes a per-second rate, a histogram p50/p90/p99 plus a
/// heatmap, a gauge its current value, a ratio a percentage). Use ``hidden`` for a metric
/// that should not get a panel.
///
/// ```swift
/// chart: .timeseries(row: "Traffic", title: "Requests / s", unit: .requestsPerSecond, legend: "{{code}}")
/// ```
public struct Chart: Sendable, Hashable {
    /// How a gauge's value is shown.
    public enum Display: String, Sendable, Hashable {
        /// The value itself.
        case value
        /// The time since the value, for gauges holding a Unix timestamp in seconds
        /// (`time() - metric`): a start time shown as an uptime.
        case age
    }

    /// Whether the metric gets no panel at all.
    public var isHidden: Bool
    /// The file name (without `.json`) of the catalog dashboard the panel goes on; `nil`
    /// is the catalog's first dashboard.
    public var dashboard: String?
    /// The row the panel goes in; rows appear in the order they are first used. `nil` is
    /// the row "Metrics".
    public var row: String?
    /// The panel title; `nil` derives one from the help text's first clause.
    public var title: String?
    /// The panel kind; `nil` picks one from the metric type.
    public var kind: PanelKind?
    /// The display unit; `nil` derives it from the metric's base unit and type.
    public var unit: GrafanaUnit?
    /// Colour thresholds (stat, gauge and ratio panels).
    public var thresholds: Thresholds?
    /// The legend template, for example `{{method}} {{code}}`; `nil` lists the kept labels.
    public var legend: String?
    /// The labels to keep when summing series (`sum by (...)`); `nil` keeps the declared
    /// labels (none for histogram quantiles). Use `["instance"]` for per-process values.
    public var by: [String]?
    /// Width in grid columns (1–24); `nil` picks one from the panel kind.
    public var width: Int?
    /// Axis or gauge minimum.
    public var min: Double?
    /// Axis or gauge maximum (gauge panels use it as the full scale).
    public var max: Double?
    /// How a gauge's value is shown.
    public var display: Display
    /// Whether a gauge's series may be summed across instances (queue depth of a shared
    /// queue); by default a gauge is shown per instance, since summing per-process values
    /// (memory, open connections) across replicas rarely means anything.
    public var summable: Bool = false

    /// A chart with the given hints; every `nil` is derived.
    public init(row: String? = nil, title: String? = nil, kind: PanelKind? = nil, unit: GrafanaUnit? = nil,
                legend: String? = nil, by: [String]? = nil, thresholds: Thresholds? = nil,
                min: Double? = nil, max: Double? = nil, width: Int? = nil, display: Display = .value,
                dashboard: String? = nil, summable: Bool = false)
    {
        self.summable = summable
        self.isHidden = false
        self.dashboard = dashboard
        self.row = row
        self.title = title
        self.kind = kind
        self.unit = unit
        self.thresholds = thresholds
        self.legend = legend
        self.by = by
        self.width = width
        self.min = min
        self.max = max
        self.display = display
    }

    /// Everything derived from the metric, in the row "Metrics".
    public static let automatic = Chart()

    /// No panel for this metric (it still gets recording rules).
    public static let hidden: Chart = {
        var chart = Chart()
        chart.isHidden = true
        return chart
    }()

    /// A time-series panel.
    public static func timeseries(row: String? = nil, title: String? = nil, unit: GrafanaUnit? = nil, legend: String? = nil,
                                  by: [String]? = nil, thresholds: Thresholds? = nil, width: Int? = nil, dashboard: String? = nil) -> Chart
    {
        Chart(row: row, title: title, kind: .timeseries, unit: unit, legend: legend, by: by, thresholds: thresholds, width: width, dashboard: dashboard)
    }

    /// A single-value panel with a sparkline, coloured by `thresholds`.
    public static func stat(row: String? = nil, title: String? = nil, unit: GrafanaUnit? = nil, legend: String? = nil,
                            by: [String]? = nil, thresholds: Thresholds? = nil, display: Display = .value,
                            width: Int? = nil, dashboard: String? = nil) -> Chart
    {
        Chart(row: row, title: title, kind: .stat, unit: unit, legend: legend, by: by, thresholds: thresholds, width: width, display: display, dashboard: dashboard)
    }

    /// A dial from `min` to `max`, coloured by `thresholds`.
    public static func gauge(row: String? = nil, title: String? = nil, unit: GrafanaUnit? = nil, legend: String? = nil, by: [String]? = nil,
                             min: Double = 0, max: Double, thresholds: Thresholds? = nil, width: Int? = nil, dashboard: String? = nil) -> Chart
    {
        Chart(row: row, title: title, kind: .gauge, unit: unit, legend: legend, by: by, thresholds: thresholds, min: min, max: max, width: width, dashboard: dashboard)
    }

    /// A table of the current series and their labels (the default for info and state-set
    /// metrics).
    public static func table(row: String? = nil, title: String? = nil, width: Int? = nil, dashboard: String? = nil) -> Chart {
        Chart(row: row, title: title, kind: .table, width: width, dashboard: dashboard)
    }
}

/// The Grafana panel kinds the generator writes.
public enum PanelKind: String, Sendable, Hashable, CaseIterable {
    /// Lines over time.
    case timeseries
    /// One big number with a sparkline.
    case stat
    /// A dial with a scale.
    case gauge
    /// Histogram buckets over time (histograms only).
    case heatmap
    /// Current series as rows.
    case table
}

/// Colour steps for stat, gauge and ratio panels: a base colour below the first step, then
/// each step's colour from its value up.
public struct Thresholds: Sendable, Hashable {
    /// One step: from `value` (inclusive) up, the panel shows `color`.
    public struct Step: Sendable, Hashable {
        /// Where the step starts, in the metric's base unit (a ratio is 0–1).
        public let value: Double
        /// A Grafana colour name (`green`, `orange`, `red`, ...) or `#rrggbb`.
        public let color: String

        /// A step starting at `value`.
        public init(_ value: Double, _ color: String) {
            self.value = value
            self.color = color
        }
    }

    /// The colour below the first step.
    public let base: String
    /// Steps in ascending order of value.
    public let steps: [Step]

    /// Thresholds with a `base` colour and ascending `steps`.
    public init(base: String = "green", _ steps: [Step]) {
        self.base = base
        self.steps = steps
    }

    /// Higher is worse: green, orange from `warning`, red from `critical`.
    public static func above(warning: Double, critical: Double) -> Thresholds {
        Thresholds(base: "green", [Step(warning, "orange"), Step(critical, "red")])
    }

    /// Lower is worse: red below `critical`, orange below `warning`, green from `warning`.
    public static func below(warning: Double, critical: Double) -> Thresholds {
        Thresholds(base: "red", [Step(critical, "orange"), Step(warning, "green")])
    }
}

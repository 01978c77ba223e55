/// A declared service-level objective: which events are good, what share must be good
/// (the objective) and over which period.
///
/// The generator records the error ratio of the SLI over 5m, 30m, 1h, 2h, 6h, 1d, 3d and
/// the period, the error budget remaining, and multiwindow multi-burn-rate alerts: a page
/// (`critical`) when 1h and 5m burn faster than 14.4× or 6h and 30m faster than 6×, a ticket
/// (`warning`) when 1d and 2h burn faster than 3× or 3d and 6h faster than 1×. Its
/// dashboard row shows the SLI, the budget left and the burn rates.
///
/// ```swift
/// static let availability = ServiceLevelObjective.availability(
///     "http_availability", objective: 0.999,
///     bad: requests.matching("code", .regex("5..")), total: requests)
/// static let latency = ServiceLevelObjective.latency(
///     "http_latency", objective: 0.99, histogram: duration, threshold: 0.25)
/// ```
public struct ServiceLevelObjective: Sendable, Hashable {
    /// How events are classified.
    public enum Indicator: Sendable, Hashable {
        /// Good events over all events (counters).
        case good(SeriesSelector, total: SeriesSelector)
        /// Bad events over all events (counters).
        case bad(SeriesSelector, total: SeriesSelector)
        /// Observations at or under `threshold` (a declared bucket bound) over all
        /// observations of a histogram.
        case latency(SeriesSelector, threshold: Double)
    }

    /// The window the objective is measured over.
    public enum Period: String, Sendable, Hashable, CaseIterable {
        /// Four weeks: every window holds the same weekdays.
        case days28 = "28d"
        /// Thirty days.
        case days30 = "30d"

        /// The period as a duration.
        public var duration: PromDuration { self == .days28 ? .days(28) : .days(30) }
    }

    /// The SLO's name, a metric-name fragment (`http_availability`); it names the rules
    /// and, in PascalCase, the burn-rate alert.
    public let name: String
    /// What users get when the objective is met, shown on dashboards and in alerts.
    public let description: String
    /// The share of good events to keep, between 0 and 1 exclusive (0.999 is 99.9%).
    public let objective: Double
    /// The period.
    public let period: Period
    /// The indicator.
    public let indicator: Indicator
    /// The dashboard (file name without `.json`) of the SLO row; `nil` is the catalog's first.
    public let dashboard: String?

    package init(name: String, description: String, objective: Double, period: Period, indicator: Indicator, dashboard: String?) {
        self.name = name
        self.description = description
        self.objective = objective
        self.period = period
        self.indicator = indicator
        self.dashboard = dashboard
    }

    /// An availability SLO from good and total event counters.
    public static func availability(_ name: String, description: String? = nil, objective: Double, period: Period = .days28,
                                    good: some SelectorConvertible, total: some SelectorConvertible, dashboard: String? = nil) -> ServiceLevelObjective
    {
        ServiceLevelObjective(name: name, description: description ?? "Share of successful events", objective: objective,
                              period: period, indicator: .good(good.selector, total: total.selector), dashboard: dashboard)
    }

    /// An availability SLO from bad and total event counters.
    public static func availability(_ name: String, description: String? = nil, objective: Double, period: Period = .days28,
                                    bad: some SelectorConvertible, total: some SelectorConvertible, dashboard: String? = nil) -> ServiceLevelObjective
    {
        ServiceLevelObjective(name: name, description: description ?? "Share of successful events", objective: objective,
                              period: period, indicator: .bad(bad.selector, total: total.selector), dashboard: dashboard)
    }

    /// A latency SLO: the share of observations at or under `threshold` (in the
    /// histogram's base unit, and one of its declared bucket bounds).
    public static func latency(_ name: String, description: String? = nil, objective: Double, period: Period = .days28,
                               histogram: some SelectorConvertible, threshold: Double, dashboard: String? = nil) -> ServiceLevelObjective
    {
        ServiceLevelObjective(name: name, description: description ?? "Share of observations at or under \(PromQLText.number(threshold))",
                              objective: objective, period: period,
                              indicator: .latency(histogram.selector, threshold: threshold), dashboard: dashboard)
    }

    /// The allowed error ratio, `1 - objective`, as PromQL text (`(1 - 0.999)`), so no
    /// float rounding leaks into the rules.
    package var errorBudgetExpression: String { "(1 - \(PromQLText.number(objective)))" }

    /// The selectors the indicator reads.
    package var selectors: [SeriesSelector] {
        switch indicator {
        case .good(let good, let total): return [good, total]
        case .bad(let bad, let total): return [bad, total]
        case .latency(let histogram, _): return [histogram]
        }
    }

    /// The burn-rate alert's name: the SLO name in PascalCase + `ErrorBudgetBurn`.
    package var alertName: String { RuleNaming.pascalCase(name) + "ErrorBudgetBurn" }

    /// The windows the SLI error ratio is recorded over.
    public enum Window: Sendable, Hashable, CaseIterable {
        /// 5 minutes: the page's short window at 14.4×.
        case fiveMinutes
        /// 30 minutes: the page's short window at 6×.
        case thirtyMinutes
        /// 1 hour: the page's long window at 14.4×.
        case oneHour
        /// 2 hours: the ticket's short window at 3×.
        case twoHours
        /// 6 hours: the page's long window at 6× and the ticket's short window at 1×.
        case sixHours
        /// 1 day: the ticket's long window at 3×.
        case oneDay
        /// 3 days: the ticket's long window at 1×.
        case threeDays
        /// The SLO's whole period (28 or 30 days).
        case period

        /// The window's length for an SLO of `period`.
        package func duration(in period: Period) -> PromDuration {
            switch self {
            case .fiveMinutes: return .minutes(5)
            case .thirtyMinutes: return .minutes(30)
            case .oneHour: return .hours(1)
            case .twoHours: return .hours(2)
            case .sixHours: return .hours(6)
            case .oneDay: return .days(1)
            case .threeDays: return .days(3)
            case .period: return period.duration
            }
        }
    }

    /// The recorded error ratio over `window`, for other alerts and dashboards.
    public func errorRatio(over window: Window) -> RecordedSeries {
        RecordedSeries(name: RuleNaming.sliErrorRatio(name, window: window.duration(in: period)), sources: selectors.map(\.metric), origin: .objective(name))
    }

    /// The recorded share of the period's error budget left (1 = untouched, < 0 = spent).
    public var errorBudgetRemaining: RecordedSeries {
        RecordedSeries(name: RuleNaming.errorBudgetRemaining(name), sources: selectors.map(\.metric), origin: .objective(name))
    }
}

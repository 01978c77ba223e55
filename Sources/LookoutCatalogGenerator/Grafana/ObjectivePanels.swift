import LookoutCatalog

/// The dashboard panels of an SLO: the SLI over the period against the objective, the
/// error budget left, and the burn rates the alerts compare (all from the SLO's
/// recording rules).
enum ObjectivePanels {
    /// The row SLO panels go in; it is placed first on its dashboard.
    static let row = "Service level objectives"
    /// The matcher SLO queries get: recorded series keep only `job`.
    static let jobMatcher = "job=~\"$job\""

    static func specs(for objective: ServiceLevelObjective) -> [PanelSpec] {
        let name = objective.name
        let period = objective.period.rawValue
        let sli = PanelSpec(
            key: "slo:\(name):sli", kind: .stat, title: "\(objective.description) (\(period))",
            description: "\(objective.description); objective \(SLORules.percent(objective.objective)) over \(period).",
            targets: [PanelTarget(expr: "1 - \(objective.errorRatio(over: .period).name){\(jobMatcher)}", legend: "{{job}}")],
            unit: .percentUnit, thresholds: Thresholds(base: "red", [.init(objective.objective, "green")]),
            width: 6, height: 8)
        let budget = PanelSpec(
            key: "slo:\(name):budget", kind: .stat, title: "\(objective.description): error budget left",
            description: "Share of the \(period) error budget not yet spent; below 0 the objective is missed.",
            targets: [PanelTarget(expr: "\(objective.errorBudgetRemaining.name){\(jobMatcher)}", legend: "{{job}}")],
            unit: .percentUnit, thresholds: Thresholds(base: "red", [.init(0, "orange"), .init(0.25, "green")]),
            width: 6, height: 8)
        let windows: [ServiceLevelObjective.Window] = BurnRatePolicy.all.flatMap(\.pairs).flatMap { [$0.long, $0.short] }
            .uniqued().sorted { $0.duration(in: objective.period) < $1.duration(in: objective.period) }
        let burn = PanelSpec(
            key: "slo:\(name):burn", kind: .timeseries, title: "\(objective.description): burn rate (× sustainable)",
            description: "How many times faster than sustainable the error budget is being spent, over both windows of each alert pair; the page fires when a long and its short window both burn above \(pairText(BurnRatePolicy.page, objective.period)), the ticket above \(pairText(BurnRatePolicy.ticket, objective.period)).",
            targets: windows.map { window in
                PanelTarget(expr: "\(objective.errorRatio(over: window).name){\(jobMatcher)} / \(objective.errorBudgetExpression)",
                            legend: "\(window.duration(in: objective.period)) {{job}}")
            },
            unit: .none, thresholds: burnThresholds(objective.period), min: 0,
            width: 12, height: 8)
        return [sli, budget, burn]
    }

    /// The overview's summary panel of one SLO: its error budget left.
    static func summary(for objective: ServiceLevelObjective, module: String) -> PanelSpec {
        PanelSpec(
            key: "overview:slo:\(objective.name)", kind: .stat, title: "\(objective.description): budget left",
            description: "\(module): \(objective.description); objective \(SLORules.percent(objective.objective)) over \(objective.period.rawValue).",
            targets: [PanelTarget(expr: "\(objective.errorBudgetRemaining.name){\(jobMatcher)}", legend: "{{job}}")],
            unit: .percentUnit, thresholds: Thresholds(base: "red", [.init(0, "orange"), .init(0.25, "green")]),
            width: 6, height: 6)
    }

    /// `13.44× (1h and 5m) or 5.6× (6h and 30m)`.
    static func pairText(_ policy: BurnRatePolicy, _ period: ServiceLevelObjective.Period) -> String {
        policy.pairs.map { "\(PromQLText.number($0.factor(in: period)))× (\($0.long.duration(in: period)) and \($0.short.duration(in: period)))" }
            .joined(separator: " or ")
    }

    /// One threshold line per burn factor: the ticket's in orange, the page's in red.
    static func burnThresholds(_ period: ServiceLevelObjective.Period) -> Thresholds {
        let steps = BurnRatePolicy.all.flatMap { policy in
            policy.pairs.map { Thresholds.Step($0.factor(in: period), policy.severity == .critical ? "red" : "orange") }
        }
        return Thresholds(base: "green", steps.sorted { $0.value < $1.value })
    }
}

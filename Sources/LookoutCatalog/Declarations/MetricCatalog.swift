/// One module's declarations: its metrics, ratios, alerts and SLOs, and the dashboards
/// they appear on.
///
/// Each instrumented module owns one, next to its code (`HTTPMetrics.catalog`), and the
/// package's catalog executable lists them all in a `CatalogSet`. Generation writes
/// `alerts/<module>.rules.yml`, `alerts/tests/<module>-test.yaml`,
/// `alerts/runbooks/<module>.md` and one `dashboards/<file>.json` per dashboard.
public struct MetricCatalog: Sendable {
    /// The module name, `[a-z][a-z0-9_]*` (`http`, `bybit`); it names the rule files.
    public let module: String
    /// A human title (`HTTP server`).
    public let title: String
    /// The dashboards; never empty (defaults to one named after the module).
    public let dashboards: [DashboardDeclaration]
    /// The metric declarations, in panel order.
    public let metrics: [any MetricDeclaration]
    /// The ratios.
    public let ratios: [RatioDeclaration]
    /// The alerts.
    public let alerts: [AlertDeclaration]
    /// The service-level objectives.
    public let objectives: [ServiceLevelObjective]
    /// Series other systems expose that expressions may read by name (`node_load1`,
    /// `kube_pod_status_ready`); Prometheus' own (`up`, `ALERTS`, `scrape_*`) are always
    /// allowed. Any other name typed into an expression fails validation.
    public let externalMetrics: [String]

    /// A catalog for `module` listing its metrics explicitly, for declarations that are not
    /// a ``CatalogDeclarations`` type (fixtures, generated sets); an instrumented module
    /// uses ``init(_:title:dashboards:declarations:ratios:alerts:objectives:externalMetrics:)``.
    ///
    /// - Parameters:
    ///   - module: The module name, `[a-z][a-z0-9_]*`.
    ///   - title: A human title.
    ///   - dashboards: By default one dashboard, `dashboards/<module>.json`, titled `title`.
    ///   - metrics: Declarations, in the order their panels should appear.
    ///   - ratios: Ratios of declared metrics.
    ///   - alerts: Alerts with their tests.
    ///   - objectives: Service-level objectives.
    ///   - externalMetrics: Names of series other systems expose that expressions read.
    public init(_ module: String, title: String, dashboards: [DashboardDeclaration] = [],
                metrics: [any MetricDeclaration], ratios: [RatioDeclaration] = [],
                alerts: [AlertDeclaration] = [], objectives: [ServiceLevelObjective] = [],
                externalMetrics: [String] = [])
    {
        self.module = module
        self.title = title
        self.dashboards = dashboards.isEmpty ? [DashboardDeclaration(module, title: title)] : dashboards
        self.metrics = metrics
        self.ratios = ratios
        self.alerts = alerts
        self.objectives = objectives
        self.externalMetrics = externalMetrics
    }

    /// The catalog of a ``CatalogDeclarations`` type: its metrics are the type's stored
    /// declarations, in source order, so none is listed by hand.
    ///
    /// - Parameters:
    ///   - module: The module name, `[a-z][a-z0-9_]*`.
    ///   - title: A human title.
    ///   - dashboards: By default one dashboard, `dashboards/<module>.json`, titled `title`.
    ///   - declarations: The type whose stored properties are the metric declarations.
    ///   - ratios: Ratios of declared metrics.
    ///   - alerts: Alerts with their tests.
    ///   - objectives: Service-level objectives.
    ///   - externalMetrics: Names of series other systems expose that expressions read.
    public init<Declarations: CatalogDeclarations>(
        _ module: String, title: String, dashboards: [DashboardDeclaration] = [],
        declarations: Declarations.Type, ratios: [RatioDeclaration] = [],
        alerts: [AlertDeclaration] = [], objectives: [ServiceLevelObjective] = [],
        externalMetrics: [String] = [])
    {
        self.init(module, title: title, dashboards: dashboards, metrics: Declarations.metricDeclarations.map(\.declaration),
                  ratios: ratios, alerts: alerts, objectives: objectives, externalMetrics: externalMetrics)
    }

    /// The declared metrics' contents, in order.
    package var declaredMetrics: [DeclaredMetric] { metrics.map(\.metric) }

    /// The dashboard a chart targets (`nil` is the first).
    package func dashboard(named file: String?) -> DashboardDeclaration? {
        guard let file else { return dashboards.first }
        return dashboards.first { $0.file == file }
    }
}

import LookoutCatalog

/// Renders the Grafana provisioning files written next to the dashboards:
/// `provisioning/dashboards.yaml`, a file provider loading every generated dashboard from
/// a folder, and `provisioning/datasources.yaml`, a Prometheus data source the
/// dashboards' `datasource` variable picks by default.
///
/// Both read their locations from environment variables, which Grafana expands in
/// provisioning files, so one committed file fits every installation:
/// `LOOKOUT_DASHBOARDS_DIR` (the absolute path of the generated dashboards folder) and
/// `LOOKOUT_PROMETHEUS_URL` (for example the URL `make demo` prints).
enum GrafanaProvisioning {
    /// The subfolder of the dashboards folder holding the provisioning files.
    static let folder = "provisioning"
    /// The dashboard provider's file.
    static let dashboardsFile = folder + "/dashboards.yaml"
    /// The data source's file.
    static let datasourcesFile = folder + "/datasources.yaml"

    /// Both files for `set`.
    static func files(for set: CatalogSet) -> [GeneratedFile] {
        [GeneratedFile(path: dashboardsFile, contents: dashboards(set)), GeneratedFile(path: datasourcesFile, contents: datasources(set))]
    }

    private static func header(_ set: CatalogSet, _ lines: [String]) -> [String] {
        // The marker and how to regenerate, without the runbook line (nothing here links one).
        Array(GeneratedHeader.lines(for: nil, set: set, verb: "generate-dashboards").prefix(3)) + [""] + lines
    }

    static func dashboards(_ set: CatalogSet) -> String {
        let root = YAMLNode.mapping([
            .init("apiVersion", .raw("1")),
            .init("providers", .sequence([.mapping([
                .init("name", .string("lookout")),
                .init("folder", .string("Lookout")),
                .init("type", .string("file")),
                .init("disableDeletion", .raw("true")),
                .init("allowUiUpdates", .raw("false")),
                .init("updateIntervalSeconds", .raw("30")),
                .init("options", .mapping([
                    .init("path", .string("${LOOKOUT_DASHBOARDS_DIR}")),
                    .init("foldersFromFilesStructure", .raw("false")),
                ])),
            ])])),
        ])
        return YAMLWriter.render(root, headerComment: header(set, [
            "A Grafana dashboard provider for the generated dashboards: copy this file into",
            "Grafana's provisioning/dashboards/ folder and start Grafana with",
            "LOOKOUT_DASHBOARDS_DIR set to the absolute path of this dashboards folder.",
        ]))
    }

    static func datasources(_ set: CatalogSet) -> String {
        let root = YAMLNode.mapping([
            .init("apiVersion", .raw("1")),
            .init("datasources", .sequence([.mapping([
                .init("name", .string("Prometheus (Lookout)")),
                .init("uid", .string("lookout-prometheus")),
                .init("type", .string("prometheus")),
                .init("access", .string("proxy")),
                .init("url", .string("${LOOKOUT_PROMETHEUS_URL}")),
                .init("isDefault", .raw("true")),
                .init("jsonData", .mapping([
                    .init("httpMethod", .string("POST")),
                    .init("timeInterval", .string("${LOOKOUT_SCRAPE_INTERVAL}")),
                ])),
            ])])),
        ])
        return YAMLWriter.render(root, headerComment: header(set, [
            "An example Prometheus data source for the generated dashboards: copy this file into",
            "Grafana's provisioning/datasources/ folder and start Grafana with",
            "LOOKOUT_PROMETHEUS_URL set (e.g. the prometheus URL `make demo` prints) and",
            "LOOKOUT_SCRAPE_INTERVAL to Prometheus' scrape interval (e.g. 5s; sets $__rate_interval's floor).",
        ]))
    }
}

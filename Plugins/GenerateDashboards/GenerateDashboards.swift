import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-dashboards [--output DIR] [--check] [--catalog PRODUCT] [--verbose]`
///
/// Builds the package's catalog executable and writes its Grafana dashboards to
/// `dashboards/` (or checks them with `--check`, for CI).
@main
struct GenerateDashboards: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        try CatalogRunner(command: "dashboards", verb: "generate-dashboards", defaultFolder: "dashboards")
            .run(packageDirectory: context.package.directoryURL, products: context.executableProductNames,
                 packageManager: packageManager, arguments: arguments)
    }
}

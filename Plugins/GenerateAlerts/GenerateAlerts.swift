import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-alerts [--output DIR] [--check] [--catalog PRODUCT] [--verbose]`
///
/// Builds the package's catalog executable and writes its Prometheus rules, rule tests,
/// runbooks and Alertmanager config to `alerts/` (or checks them with `--check`, for CI).
@main
struct GenerateAlerts: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        try CatalogRunner(command: "alerts", verb: "generate-alerts", defaultFolder: "alerts")
            .run(packageDirectory: context.package.directoryURL, products: context.executableProductNames,
                 packageManager: packageManager, arguments: arguments)
    }
}

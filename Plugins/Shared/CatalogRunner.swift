// Shared by the GenerateDashboards and GenerateAlerts plugins (each plugin directory holds a
// symlink to this file; plugins cannot depend on library code). It stays thin: find the
// package's catalog executable, build it, run it with the right folder and flags. All
// rendering, atomic writing and drift checking live in LookoutCatalog.
import Foundation
import PackagePlugin

struct CatalogRunner {
    /// The catalog executable's command (`dashboards` or `alerts`).
    let command: String
    /// The plugin's verb, for messages.
    let verb: String
    /// The default output folder, relative to the package.
    let defaultFolder: String

    /// The plugin's usage, printed by `--help`.
    var usage: String {
        """
        usage: swift package --allow-writing-to-package-directory \(verb) [--output DIR] [--check] [--catalog PRODUCT] [--verbose]

        Builds the package's catalog executable (the executable product whose name ends in
        '-catalog'), validates every declaration and writes \(command == "dashboards" ? "Grafana dashboards" : "Prometheus rules, rule tests, runbooks and alertmanager.yml") to \(defaultFolder)/.
        When anything is wrong, every problem is listed and nothing is written.

        options:
          --output DIR        the folder to write or check (default: \(defaultFolder))
          --check             write nothing; fail and list the differences if the folder is out of date (CI)
          --catalog PRODUCT   the catalog executable to run, if the package has several
          --verbose           list every file and what happened to it

        CI without write permission can run the catalog executable directly:
          swift run <name>-catalog \(command) --check

        """
    }

    func run(packageDirectory: URL, products: [String], packageManager: PackageManager, arguments: [String]) throws {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage, terminator: "")
            return
        }
        var extractor = ArgumentExtractor(arguments)
        let output = extractor.extractOption(named: "output").last
        let requested = extractor.extractOption(named: "catalog").last
        let check = extractor.extractFlag(named: "check") > 0
        let verbose = extractor.extractFlag(named: "verbose") > 0
        guard extractor.remainingArguments.isEmpty else {
            throw CatalogPluginError("unexpected arguments \(extractor.remainingArguments); usage: swift package \(verb) [--output DIR] [--check] [--catalog PRODUCT] [--verbose]")
        }
        let product = try catalogProduct(among: products, requested: requested)
        print("\(verb): building the catalog executable '\(product)' (the first build compiles the declarations and can take a minute)")
        let build = try packageManager.build(.product(product), parameters: .init(configuration: .debug, logging: verbose ? .verbose : .concise))
        guard build.succeeded else {
            print(build.logText)
            throw CatalogPluginError("building the catalog executable '\(product)' failed (see the log above)")
        }
        guard let executable = build.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == product }) else {
            throw CatalogPluginError("building '\(product)' produced no executable")
        }
        let folder = output.map { $0.hasPrefix("/") ? $0 : packageDirectory.appendingPathComponent($0).path }
            ?? packageDirectory.appendingPathComponent(defaultFolder).path
        var commandLine = [command, "--output", folder]
        if check { commandLine.append("--check") }
        if verbose { commandLine.append("--verbose") }
        if verbose { print("\(verb): running \(product) \(commandLine.joined(separator: " "))") }
        let process = Process()
        process.executableURL = executable.url
        process.arguments = commandLine
        process.currentDirectoryURL = packageDirectory
        let standardOutput = Pipe(), standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        // The outputs are small (a summary or a report); read both, then wait.
        let printed = String(decoding: standardOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let failure = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if !printed.isEmpty { print(printed, terminator: "") }
        guard process.terminationStatus == 0 else {
            var message = failure.trimmingCharacters(in: .whitespacesAndNewlines)
            if message.hasPrefix("error: ") { message.removeFirst(7) }
            throw CatalogPluginError(message.isEmpty ? "\(product) \(command) failed with exit code \(process.terminationStatus)" : message)
        }
    }

    /// The requested product, or the single executable whose name ends in `-catalog`.
    private func catalogProduct(among products: [String], requested: String?) throws -> String {
        if let requested {
            guard products.contains(requested) else {
                throw CatalogPluginError("--catalog \(requested): the package has no executable product of that name (executables: \(products.sorted().joined(separator: ", ")))")
            }
            return requested
        }
        let candidates = products.filter { $0.hasSuffix("-catalog") }.sorted()
        switch candidates.count {
        case 1: return candidates[0]
        case 0: throw CatalogPluginError(Self.missingCatalogHelp)
        default: throw CatalogPluginError("several catalog executables (\(candidates.joined(separator: ", "))); choose one with --catalog PRODUCT")
        }
    }

    static let missingCatalogHelp = """
        this package has no catalog executable (an executable target whose name ends in '-catalog').
        Add one that lists your modules' catalogs:

          // Package.swift, in targets:
          .executableTarget(name: "my-catalog", dependencies: ["MyModule", .product(name: "LookoutCatalogGenerator", package: "Lookout")]),

          // Sources/my-catalog/main.swift
          import LookoutCatalogGenerator
          import MyModule
          CatalogCommand.main(catalogs: CatalogSet([MyModuleMetrics.catalog], runbookBaseURL: "https://example.com/runbooks"))

        or pass --catalog PRODUCT to use an executable with another name.
        """
}

struct CatalogPluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension PluginContext {
    /// The names of the package's executable products (SwiftPM gives every executable
    /// target of the root package one).
    var executableProductNames: [String] {
        package.products(ofType: ExecutableProduct.self).map(\.name)
    }
}

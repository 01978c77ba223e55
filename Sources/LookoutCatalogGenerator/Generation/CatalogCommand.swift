import LookoutCatalog

/// The command line of a package's catalog executable, which the `generate-dashboards` and
/// `generate-alerts` plugins build and run. The executable's `main` only prints the
/// result:
///
/// ```swift
/// import Foundation
/// import LookoutCatalog
///
/// let result = CatalogCommand.run(Array(CommandLine.arguments.dropFirst()), catalogs: CatalogSet([ShopMetrics.catalog]))
/// FileHandle.standardOutput.write(Data(result.output.utf8))
/// FileHandle.standardError.write(Data(result.errors.utf8))
/// exit(result.exitCode)
/// ```
///
/// Usage: `<executable> dashboards|alerts|reference|validate [--output DIR] [--check] [--verbose]`.
public enum CatalogCommand {
    /// What the command printed and how it exits.
    public struct Result: Sendable, Hashable {
        /// 0 on success, 1 when `--check` found drift, 2 for invalid catalogs or
        /// arguments, 3 for I/O failures.
        public let exitCode: Int32
        /// Text for standard output.
        public let output: String
        /// Text for standard error.
        public let errors: String
    }

    /// The usage text.
    public static let usage = """
        usage: <catalog-executable> <command> [--output DIR] [--check] [--verbose]

        commands:
          dashboards   write Grafana dashboards (default folder: dashboards)
          alerts       write Prometheus rules, rule tests, runbooks and alertmanager.yml (default folder: alerts)
          reference    write the Markdown metrics reference, metrics.md (default folder: docs)
          validate     check the catalogs and list every problem

        options:
          --output DIR   the folder to write or check
          --check        write nothing; exit 1 and list the differences if the folder is out of date
          --verbose      list every file and what happened to it

        """

    /// Runs the command line `arguments` (without the executable name) against `catalogs`.
    public static func run(_ arguments: [String], catalogs: CatalogSet) -> Result {
        do {
            return try execute(arguments, catalogs: catalogs)
        } catch {
            let code: Int32 = error.code == .ioFailure ? 3 : 2
            return Result(exitCode: code, output: "", errors: "error: \(error)\n")
        }
    }

    private static func execute(_ arguments: [String], catalogs: CatalogSet) throws(CatalogError) -> Result {
        var command: String?
        var output: String?
        var check = false
        var verbose = false
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--check": check = true
            case "--verbose", "-v": verbose = true
            case "--output", "-o":
                guard let value = remaining.popFirst() else { throw CatalogError(.invalidArguments, "--output needs a folder\n\n\(usage)") }
                output = value
            case "--help", "-h":
                return Result(exitCode: 0, output: usage, errors: "")
            default:
                guard command == nil, !argument.hasPrefix("-") else { throw CatalogError(.invalidArguments, "unexpected argument '\(argument)'\n\n\(usage)") }
                command = argument
            }
        }
        switch command {
        case "validate":
            try catalogs.validate()
            return Result(exitCode: 0, output: "\(catalogs.catalogs.count) catalog\(catalogs.catalogs.count == 1 ? "" : "s") valid: \(catalogs.catalogs.map(\.module).joined(separator: ", "))\n", errors: "")
        case "dashboards":
            return try generate(catalogs.dashboardFiles(), into: OutputFolder(path: output ?? "dashboards", kind: .dashboards), check: check, verbose: verbose)
        case "alerts":
            return try generate(catalogs.alertFiles(), into: OutputFolder(path: output ?? "alerts", kind: .alerts), check: check, verbose: verbose)
        case "reference":
            return try generate(catalogs.referenceFiles(), into: OutputFolder(path: output ?? "docs", kind: .reference), check: check, verbose: verbose)
        default:
            throw CatalogError(.invalidArguments, command.map { "unknown command '\($0)'\n\n\(usage)" } ?? "missing command\n\n\(usage)")
        }
    }

    private static func generate(_ files: [GeneratedFile], into folder: OutputFolder, check: Bool, verbose: Bool) throws(CatalogError) -> Result {
        if check {
            let report = try folder.check(files)
            if report.isClean {
                return Result(exitCode: 0, output: "\(folder.path): \(files.count) file\(files.count == 1 ? "" : "s") up to date\n", errors: "")
            }
            return Result(exitCode: 1, output: "", errors: report.description + "\n")
        }
        let summary = try folder.write(files)
        var lines = ["\(folder.path): \(summary.created.count) created, \(summary.updated.count) updated, \(summary.unchanged.count) unchanged, \(summary.deleted.count) deleted"]
        if verbose {
            lines += summary.created.map { "  created    \($0)" } + summary.updated.map { "  updated    \($0)" }
                + summary.unchanged.map { "  unchanged  \($0)" } + summary.deleted.map { "  deleted    \($0)" }
        }
        return Result(exitCode: 0, output: lines.joined(separator: "\n") + "\n", errors: "")
    }
}

import Foundation

extension CatalogCommand {
    /// Runs the process's command line against `catalogs`, prints the result and exits:
    /// the whole `main.swift` of a catalog executable.
    ///
    /// ```swift
    /// import LookoutCatalogGenerator
    /// import MyModule
    ///
    /// CatalogCommand.main(catalogs: CatalogSet([MyModuleMetrics.catalog], runbookBaseURL: "https://..."))
    /// ```
    ///
    /// Exit codes are ``Result/exitCode``'s: 0 done, 1 drift found by `--check`, 2 invalid
    /// catalogs or arguments (nothing written), 3 I/O failure.
    public static func main(catalogs: CatalogSet) -> Never {
        let result = run(Array(CommandLine.arguments.dropFirst()), catalogs: catalogs)
        FileHandle.standardOutput.write(Data(result.output.utf8))
        FileHandle.standardError.write(Data(result.errors.utf8))
        exit(result.exitCode)
    }
}

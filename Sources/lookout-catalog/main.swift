// The catalog executable the generate-dashboards and generate-alerts plugins build and run.
// It lists the project's catalogs; every module's catalog added here gets its dashboards and
// rules generated (see LookoutCatalog's DocC, "Generating dashboards & alerts").
import Foundation
import LookoutBybit
import LookoutCatalog
import LookoutHTTP
import LookoutRateLimit

let catalogs = CatalogSet([ProcessMetrics.catalog, HTTPMetrics.catalog, BybitMetrics.catalog, UpstreamBudgetMetrics.catalog], runbookBaseURL: "https://github.com/lookout-swift/lookout/blob/main/alerts/runbooks")
let result = CatalogCommand.run(Array(CommandLine.arguments.dropFirst()), catalogs: catalogs)
FileHandle.standardOutput.write(Data(result.output.utf8))
FileHandle.standardError.write(Data(result.errors.utf8))
exit(result.exitCode)

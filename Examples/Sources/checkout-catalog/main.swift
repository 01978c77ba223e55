// The checkout module's catalog executable: `swift package generate-dashboards` and
// `swift package generate-alerts` build and run it.
import Checkout
import Foundation
import LookoutCatalogGenerator

let catalogs = CatalogSet([CheckoutMetrics.catalog], runbookBaseURL: "https://github.com/lookout-swift/lookout/blob/main/Examples/alerts/runbooks")
let result = CatalogCommand.run(Array(CommandLine.arguments.dropFirst()), catalogs: catalogs)
FileHandle.standardOutput.write(Data(result.output.utf8))
FileHandle.standardError.write(Data(result.errors.utf8))
exit(result.exitCode)

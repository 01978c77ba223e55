// The checkout module's catalog executable: `swift package generate-dashboards` and
// `swift package generate-alerts` build and run it.
import Checkout
import LookoutCatalogGenerator

CatalogCommand.main(catalogs: CatalogSet([CheckoutMetrics.catalog], runbookBaseURL: "https://github.com/lookout-swift/lookout/blob/main/Examples/alerts/runbooks"))

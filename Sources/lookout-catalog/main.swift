// The catalog executable the generate-dashboards and generate-alerts plugins build and run.
// It lists the project's catalogs; every module's catalog added here gets its dashboards and
// rules generated (see LookoutCatalog's DocC, "Generating dashboards & alerts").
// Runbooks link to `lookout serve`, which serves alerts/runbooks at /runbooks/<AlertName>.
import LookoutBybit
import LookoutCache
import LookoutCatalogGenerator
import LookoutHTTP
import LookoutRateLimit
import LookoutRedis

CatalogCommand.main(catalogs: CatalogSet(
    [ProcessMetrics.catalog, HTTPMetrics.catalog, BybitMetrics.catalog, RedisMetrics.catalog, RateLimitMetrics.catalog, CacheMetrics.catalog, UpstreamBudgetMetrics.catalog],
    runbookBaseURL: "http://127.0.0.1:9180/runbooks", runbookStyle: .perAlert))

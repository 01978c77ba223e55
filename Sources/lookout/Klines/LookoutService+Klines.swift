import Lookout
import LookoutBybit
import LookoutRateLimit

extension LookoutService {
    /// The klines endpoint for `settings`: a Bybit client on the configured base URL, with
    /// its metrics in `registry` and the process-wide upstream guard; upstream push-back
    /// (10006, bans) lowers the adaptive limits of `pressure` when given.
    static func makeKlinesEndpoint(_ settings: ServeSettings, registry: Registry,
                                   pressure: AdaptiveController? = nil) throws(ServeError) -> KlinesEndpoint {
        var configuration = BybitClient.Configuration(baseURL: settings.bybitBaseURL)
        configuration.requestTimeout = .milliseconds(Int((settings.bybitTimeoutSeconds * 1000).rounded()))
        configuration.connectTimeout = min(configuration.connectTimeout, configuration.requestTimeout)
        configuration.retry.maxAttempts = settings.bybitAttempts
        // An API caller is waiting: retries and waits for the upstream budget (10006) stop
        // after one request timeout in all, then the caller gets 503/504 instead of a hang.
        configuration.retry.deadline = configuration.requestTimeout
        if settings.bybitBanCooldownSeconds != 600 {
            // A guard of its own only when the ban cool-down differs from the shared guard's.
            configuration.upstream = UpstreamGuard(configuration: .init(banCooldown: .seconds(settings.bybitBanCooldownSeconds)),
                                                   clock: ContinuousClock())
        }
        configuration.upstreamPressure = pressure
        do {
            configuration.metrics = try BybitClientMetrics(registry: registry)
        } catch {
            throw ServeError("cannot register the Bybit metrics: \(error)")
        }
        do {
            return KlinesEndpoint(client: try BybitClient(configuration: configuration))
        } catch {
            throw ServeError("cannot create the Bybit client: \(error)")
        }
    }
}

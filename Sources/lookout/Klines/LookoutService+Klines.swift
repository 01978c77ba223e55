import Lookout
import LookoutBybit

extension LookoutService {
    /// The klines endpoint for `settings`: a Bybit client on the configured base URL, with
    /// its metrics in `registry` and the process-wide upstream guard.
    static func makeKlinesEndpoint(_ settings: ServeSettings, registry: Registry) throws(ServeError) -> KlinesEndpoint {
        var configuration = BybitClient.Configuration(baseURL: settings.bybitBaseURL)
        configuration.requestTimeout = .milliseconds(Int((settings.bybitTimeoutSeconds * 1000).rounded()))
        configuration.connectTimeout = min(configuration.connectTimeout, configuration.requestTimeout)
        configuration.retry.maxAttempts = settings.bybitAttempts
        // An API caller is waiting: retries and waits for the upstream budget (10006) stop
        // after one request timeout in all, then the caller gets 503/504 instead of a hang.
        configuration.retry.deadline = configuration.requestTimeout
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

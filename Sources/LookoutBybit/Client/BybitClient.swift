import LookoutCurl
import LookoutRateLimit

/// A client for Bybit V5 public market data: klines (trade, mark, index and premium-index
/// prices), instruments, server time, tickers, order books, recent trades, funding
/// history, open interest and account ratios, with range fetching, multi-symbol batches
/// and upstream protection built in.
///
/// ```swift
/// let bybit = try BybitClient()            // BYBIT_BASE_URL or mainnet
/// let day: Int64 = 86_400_000
/// let series = try await bybit.candles(symbol: "BTCUSDT", interval: .oneHour,
///                                      from: 1_700_000_000_000, to: 1_700_000_000_000 + 30 * day)
/// for candle in series.closedRows { print(candle.startTime, candle.close) }
/// print(bybit.stats)
/// ```
///
/// Every request passes the shared `UpstreamGuard` (an adaptive IP budget, 10006 pauses,
/// 403 bans; from `LookoutRateLimit`) and a per-client limit on requests in flight, and
/// is retried as the `RetryPolicy` decides.
/// Prices and volumes are ``ExactDecimal``s, exactly as the exchange sent them.
///
/// `BybitClient` is `Sendable`; share one per process. Failures are ``BybitError``s.
public final class BybitClient: Sendable {
    /// Settings for a ``BybitClient``.
    public struct Configuration: Sendable {
        /// Where requests go; see ``BybitBaseURL``.
        public var baseURL: BybitBaseURL
        /// Limit for one HTTP attempt, connection included.
        public var requestTimeout: Duration = .seconds(10)
        /// Limit for establishing a connection.
        public var connectTimeout: Duration = .seconds(5)
        /// Retries of transient failures.
        public var retry: RetryPolicy = RetryPolicy()
        /// Most requests this client has in flight at once (range pages and batch symbols
        /// share it). Also the connection limit per host.
        public var maxConcurrentRequests: Int = 8
        /// Largest number of pages one range fetch may need (1,000 candles each); larger
        /// ranges are refused with ``BybitError/Code/invalidArgument`` instead of running
        /// for hours. 2,000 pages is about 3.8 years of 1-minute candles.
        public var maxPagesPerRange: Int = 2_000
        /// The IP budget and ban tracking; share one per IP (the default is process-wide).
        public var upstream: UpstreamGuard<ContinuousClock> = .shared
        /// Where requests, errors, retries, rate limits, latencies and candle counts are
        /// recorded as Prometheus metrics (see ``BybitMetrics``); `nil` records them in a
        /// private registry. ``BybitClient/stats`` are read from these series, so clients
        /// sharing one `BybitClientMetrics` see shared totals.
        public var metrics: BybitClientMetrics?
        /// An adaptive rate limiter to tell when the exchange pushes back: every 10006
        /// answer reports ``AdaptiveController/PressureSource/upstreamRateLimited`` and every
        /// new IP ban ``AdaptiveController/PressureSource/upstreamBanned``, so a server's own
        /// limits shrink while its upstream is saturated. `nil`: nobody is told.
        public var upstreamPressure: AdaptiveController?

        /// Creates a configuration for `baseURL` (mainnet by default); change fields as needed.
        public init(baseURL: BybitBaseURL = .mainnet) {
            self.baseURL = baseURL
        }

        /// The defaults with ``baseURL`` from `BYBIT_BASE_URL` when it is set.
        /// - Throws: ``BybitError/Code/invalidConfiguration`` if the variable is invalid.
        public static func fromEnvironment() throws(BybitError) -> Configuration {
            Configuration(baseURL: try BybitBaseURL.fromEnvironment())
        }
    }

    /// The settings this client was created with.
    public let configuration: Configuration
    let http: CurlClient
    let events: BybitClientEvents
    let requestPermits: AsyncSemaphore

    /// Creates a client with `configuration`.
    ///
    /// - Parameter httpClient: the HTTP client to send through; by default the client makes
    ///   its own with the configured timeouts.
    /// - Throws: ``BybitError/Code/invalidConfiguration`` if libcurl cannot be initialised.
    public init(configuration: Configuration, httpClient: CurlClient? = nil) throws(BybitError) {
        self.configuration = configuration
        events = BybitClientEvents(metrics: configuration.metrics, pressure: configuration.upstreamPressure)
        requestPermits = AsyncSemaphore(permits: max(1, configuration.maxConcurrentRequests))
        if let httpClient {
            http = httpClient
        } else {
            var settings = CurlClient.Configuration()
            settings.timeout = configuration.requestTimeout
            settings.connectTimeout = configuration.connectTimeout
            settings.maxConnectionsPerHost = max(1, configuration.maxConcurrentRequests)
            settings.userAgent = "Lookout-Bybit/1 libcurl"
            do {
                http = try CurlClient(configuration: settings)
            } catch {
                throw BybitError(code: .invalidConfiguration, message: "could not create the HTTP client: \(error.message)", transport: error)
            }
        }
    }

    /// Creates a client with the default configuration and ``BybitBaseURL/fromEnvironment()``.
    /// - Throws: ``BybitError/Code/invalidConfiguration`` if `BYBIT_BASE_URL` is invalid.
    public convenience init() throws(BybitError) {
        try self.init(configuration: .fromEnvironment())
    }

    /// Cumulative counters since creation: requests, retries, rate-limit hits, bans,
    /// candles, waiting and parsing time, read from the client's metric series.
    public var stats: BybitClientStats { events.snapshot() }
}

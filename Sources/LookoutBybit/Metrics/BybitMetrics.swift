import Lookout
import LookoutCatalog

/// Every metric the Bybit client exports, declared once: these declarations create the live
/// families (``BybitClientMetrics``) and generate `dashboards/bybit_performance.json`,
/// `alerts/bybit.rules.yml` and its promtool tests. No metric name is written anywhere else.
///
/// Labels are bounded: `endpoint` (`kline`, `mark_price_kline`, `index_price_kline`,
/// `premium_index_price_kline`, `instruments_info`, `time`, `tickers`, `orderbook`, `recent_trade`,
/// `funding_history`, `open_interest`, `account_ratio`), `category` (`spot`, `linear`,
/// `inverse`, `option`, `none`), `status` (the HTTP status for well-known codes, else its
/// class such as `5xx`; `none` without a response), `ret_code` (Bybit's retCode for the codes
/// a market-data client meets, else `other`; `none` without an envelope), `code`
/// (``BybitError/Code``), `reason` (`RetryReason`), `interval` (``KlineInterval``) and
/// `size` (a batch's symbol count, bucketed).
public struct BybitMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`BybitMetrics.<member>`).
    public init() {}

    // MARK: Traffic

    /// Every HTTP attempt, retries included.
    public let requests = CounterDeclaration(
        "bybit_requests", help: "HTTP requests sent to Bybit (every attempt), by endpoint, category, HTTP status and retCode.",
        labelNames: ["endpoint", "category", "status", "ret_code"],
        chart: .timeseries(row: "Traffic", title: "Requests / s", unit: .requestsPerSecond,
                           legend: "{{endpoint}} {{status}} {{ret_code}}", by: ["endpoint", "status", "ret_code"]))

    /// Requests waiting for a response right now.
    public let inFlight = GaugeDeclaration(
        "bybit_requests_in_flight", help: "Requests sent to Bybit and not answered yet.",
        chart: .timeseries(row: "Traffic", title: "Requests in flight", legend: "{{instance}}", by: ["instance"]))

    /// Candle rows received, by endpoint and interval.
    public let candles = CounterDeclaration(
        "bybit_candles_fetched", help: "Candle rows received from Bybit, by endpoint and interval.",
        labelNames: ["endpoint", "interval"],
        chart: .timeseries(row: "Traffic", title: "Candles / s", unit: .operationsPerSecond, legend: "{{endpoint}} {{interval}}"))

    /// Rows received from the other market endpoints, by endpoint.
    public let marketRows = CounterDeclaration(
        "bybit_market_rows_fetched", help: "Rows received from Bybit's market endpoints other than klines (tickers, order-book levels, trades, funding settlements, open-interest and account-ratio samples), by endpoint.",
        labelNames: ["endpoint"],
        chart: .timeseries(row: "Traffic", title: "Market data rows / s", unit: .operationsPerSecond, legend: "{{endpoint}}"))

    // MARK: Errors

    /// Attempts that failed, whether or not a retry then succeeded.
    public let requestFailures = CounterDeclaration(
        "bybit_request_failures", help: "Requests to Bybit that failed (every attempt), by endpoint and error code.",
        labelNames: ["endpoint", "code"],
        chart: .timeseries(row: "Errors", title: "Failed attempts / s", unit: .requestsPerSecond, legend: "{{endpoint}} {{code}}"))

    /// Calls that failed after all retries: what callers saw.
    public let errors = CounterDeclaration(
        "bybit_errors", help: "Calls that failed after every retry (the errors callers saw), by endpoint and error code.",
        labelNames: ["endpoint", "code"],
        chart: .timeseries(row: "Errors", title: "Failed calls / s", unit: .operationsPerSecond, legend: "{{endpoint}} {{code}}"))

    /// Retries scheduled, by reason.
    public let retries = CounterDeclaration(
        "bybit_retries", help: "Retries scheduled after a transient failure, by endpoint and reason.",
        labelNames: ["endpoint", "reason"],
        chart: .timeseries(row: "Errors", title: "Retries / s", unit: .operationsPerSecond, legend: "{{endpoint}} {{reason}}"))

    // MARK: Rate limiting

    /// retCode 10006 answers.
    public let rateLimitHits = CounterDeclaration(
        "bybit_rate_limit_hits", help: "Answers with retCode 10006 (too many visits), by endpoint.",
        labelNames: ["endpoint"],
        chart: .timeseries(row: "Rate limiting", title: "retCode 10006 / s", unit: .operationsPerSecond, legend: "{{endpoint}}"))

    /// HTTP 403 answers that started an IP ban.
    public let bans = CounterDeclaration(
        "bybit_ip_bans", help: "IP bans started by an HTTP 403 from Bybit.",
        chart: .timeseries(row: "Rate limiting", title: "IP bans started", unit: .short, legend: "{{instance}}", by: ["instance"]))

    /// Calls refused without sending because the host was banned.
    public let banRejections = CounterDeclaration(
        "bybit_ban_rejections", help: "Calls refused without sending because Bybit had banned this IP, by endpoint.",
        labelNames: ["endpoint"],
        chart: .timeseries(row: "Rate limiting", title: "Calls refused during a ban / s", unit: .operationsPerSecond, legend: "{{endpoint}}"))

    /// When the current (or last) IP ban ends, in Unix seconds; 0 before any ban.
    public let banEndTime = GaugeDeclaration(
        "bybit_ip_ban_end_time_seconds", help: "When the latest IP ban ends, in seconds since the Unix epoch (0 if none started).",
        unit: .seconds,
        chart: .stat(row: "Rate limiting", title: "IP ban ends", unit: .dateTimeFromNow, legend: "{{instance}}", by: ["instance"]))

    /// Time requests waited before being sent.
    public let limiterWait = HistogramDeclaration(
        "bybit_limiter_wait_seconds", help: "Time a request waited for the concurrency limit, the IP budget or a 10006 pause before it was sent.",
        unit: .seconds, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        chart: Chart(row: "Rate limiting", title: "Limiter wait"))

    // MARK: Latency

    /// Wall time of one HTTP attempt.
    public let duration = HistogramDeclaration(
        "bybit_request_duration_seconds", help: "Time from sending a request to Bybit to its complete response, by endpoint.",
        unit: .seconds, labelNames: ["endpoint"], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        chart: Chart(row: "Latency", title: "Request duration"))

    /// CPU time spent parsing a response body.
    public let parseDuration = HistogramDeclaration(
        "bybit_parse_duration_seconds", help: "Time spent parsing a Bybit response body, by endpoint.",
        unit: .seconds, labelNames: ["endpoint"], buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025],
        chart: Chart(row: "Latency", title: "Parse duration"))

    // MARK: Historical loads

    /// Pages each range fetch needed.
    public let rangePages = HistogramDeclaration(
        "bybit_range_fetch_pages", help: "Pages (requests of up to 1,000 candles) one range fetch needed.",
        buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
        chart: Chart(row: "Historical loads", title: "Pages per range fetch", unit: .short))

    /// Wall time of a whole range fetch.
    public let rangeDuration = HistogramDeclaration(
        "bybit_range_fetch_duration_seconds", help: "Wall time of one range fetch, every page included.",
        unit: .seconds, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        chart: Chart(row: "Historical loads", title: "Range fetch duration"))

    /// Wall time of a multi-symbol batch, by how many symbols it had.
    public let batchDuration = HistogramDeclaration(
        "bybit_batch_duration_seconds", help: "Wall time of one multi-symbol batch, by its symbol count (1, 2-5, 6-20, 21-100, 101+).",
        unit: .seconds, labelNames: ["size"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        chart: Chart(row: "Historical loads", title: "Batch duration", by: ["size"]))

    /// Symbols finished by batches, by outcome.
    public let batchSymbols = CounterDeclaration(
        "bybit_batch_symbols", help: "Symbols fetched by multi-symbol batches, by outcome (ok or failed).",
        labelNames: ["outcome"],
        chart: .timeseries(row: "Historical loads", title: "Batch symbols / s", unit: .operationsPerSecond, legend: "{{outcome}}"))

    /// The module's dashboard.
    public static let dashboard = DashboardDeclaration("bybit_performance", title: "Bybit market data", tags: ["bybit"])

    /// The Bybit catalog: `dashboards/bybit_performance.json`, `alerts/bybit.rules.yml`,
    /// `alerts/tests/bybit-test.yaml` and `alerts/runbooks/bybit.md`.
    public static let catalog = MetricCatalog(
        "bybit", title: "Bybit market data",
        dashboards: [dashboard],
        declarations: BybitMetrics.self,
        ratios: [upstreamErrorRatio, rateLimitedRatio],
        alerts: [upstreamErrorsHigh, rateLimitStorm, ipBanned],
        objectives: [latency])
}

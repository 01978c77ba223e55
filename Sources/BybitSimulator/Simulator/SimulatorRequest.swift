/// One HTTP request as the simulator sees it: no transport, just what decides the answer.
public struct SimulatorRequest: Sendable, Hashable {
    /// The HTTP method, e.g. `GET`. Methods are case-sensitive; only `GET` is routed.
    public var method: String
    /// The path without the query, e.g. `/v5/market/kline`.
    public var path: String
    /// The raw query string without the `?`, still percent-encoded.
    public var query: String
    /// The client's address; the per-IP window and bans are keyed by it.
    public var clientIP: String
    /// When the request arrived; `nil` reads the simulator's clock. An HTTP adapter should
    /// leave it `nil` (or read ``BybitSimulator/now()``) so one clock rules everything.
    public var receivedAt: SimulatorTime?
    /// The `X-BAPI-API-KEY` header, if the request carried one. Public market data needs
    /// none; with one, responses carry the per-key `X-Bapi-Limit*` headers (see
    /// ``BapiHeaders``). The key is not checked.
    public var apiKey: String?

    /// Creates a request from its parts.
    public init(method: String = "GET", path: String, query: String = "", clientIP: String = "127.0.0.1", receivedAt: SimulatorTime? = nil,
                apiKey: String? = nil) {
        self.apiKey = apiKey
        self.method = method
        self.path = path
        self.query = query
        self.clientIP = clientIP
        self.receivedAt = receivedAt
    }

    /// Creates a request from an HTTP request target such as `/v5/market/kline?symbol=BTCUSDT`.
    public init(method: String = "GET", target: String, clientIP: String = "127.0.0.1", receivedAt: SimulatorTime? = nil, apiKey: String? = nil) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
            clientIP: clientIP, receivedAt: receivedAt, apiKey: apiKey)
    }
}

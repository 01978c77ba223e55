/// A Bybit business error: HTTP 200 with a non-zero `retCode` and an exact `retMsg`.
struct ExchangeError: Error, Sendable, Hashable {
    let retCode: Int64
    let retMsg: String
    /// Whether `result` is `null` (seen with 5004) instead of `{}`.
    var nullResult = false

    /// Unknown or lower-case symbol, or a symbol not listed in the category (recorded body).
    static let notSupportedSymbols = ExchangeError(retCode: 10001, retMsg: "Not supported symbols")
    /// An `interval` outside the enum (recorded body).
    static let invalidPeriod = ExchangeError(retCode: 10001, retMsg: "Invalid period!")
    /// A missing `interval` on the mark/index/premium kline endpoints (observed on premium-index).
    static let intervalTimeInvalid = ExchangeError(retCode: 10001, retMsg: "params error: intervalTime is invalid")
    /// Bybit's generic parameter error: bad `limit`, `start`, `end`, `category`, `cursor`.
    static let parameterError = ExchangeError(retCode: 10001, retMsg: "Request parameter error")
    /// `startTime` without `endTime` (or after it) on funding history. ccxt quoted this text in
    /// 2023; the exact v5 code and text are unverified.
    static let timeIsInvalid = ExchangeError(retCode: 10001, retMsg: "Time is invalid")
    /// Rate limited (observed on public klines with HTTP 200).
    static let rateLimited = ExchangeError(retCode: 10006, retMsg: "Too many visits. Exceeded the API Rate Limit.")
    /// A retryable upstream timeout (recorded body).
    static let requestTimeout = ExchangeError(retCode: 10016, retMsg: "Request timeout, please try again later")
    /// A server timeout with `"result":null` (recorded body).
    static let serverTimeout = ExchangeError(retCode: 5004, retMsg: "Server Timeout", nullResult: true)
    /// A path (or method) with no route.
    static let routeNotFound = ExchangeError(retCode: 10017, retMsg: "Route not found.")
}

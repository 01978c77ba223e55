/// When responses carry `X-Bapi-Limit`, `X-Bapi-Limit-Status` and
/// `X-Bapi-Limit-Reset-Timestamp`.
///
/// These headers belong to Bybit's per-UID API limit, not to the per-IP limit (which
/// answers 403 without any header). Bybit documents them on "every request", but the
/// evidence says unauthenticated public market calls do not get them: a public success
/// without them, public 10006 answers without the reset header. Whether a public call
/// that sends `X-BAPI-API-KEY` gets them is **unverified**. So by default
/// (``requireAPIKey``) only requests carrying an API key get them, and never 10006
/// answers.
///
/// Values: `X-Bapi-Limit` is ``limit`` (the per-endpoint tables list no `/v5/market/*`
/// path, so there is no documented value; 10 is the documentation's example);
/// `X-Bapi-Limit-Status` is what remains of it after this request in the key's rolling
/// one-second window (informational: the simulator does not answer 10006 for it);
/// `X-Bapi-Limit-Reset-Timestamp` is the current time in ms, or on a 10006 the next whole
/// second.
public struct BapiHeaders: Sendable, Hashable {
    /// Which JSON responses carry the headers (among those ``requireAPIKey`` admits);
    /// `nil` means none.
    public var presence: RequestTrigger?
    /// The value of `X-Bapi-Limit`, requests per second per key.
    public var limit: Int
    /// Whether 10006 responses carry them too (observed: they do not).
    public var includeOnRateLimited: Bool
    /// Whether only requests with an `X-BAPI-API-KEY` header get them (the default, as the
    /// evidence suggests); `false` sends them to anonymous requests too, counted per IP.
    public var requireAPIKey: Bool

    /// Creates a header policy; by default every JSON response to a request with an API
    /// key carries them, except 10006.
    public init(presence: RequestTrigger? = .always, limit: Int = 10, includeOnRateLimited: Bool = false, requireAPIKey: Bool = true) {
        self.presence = presence
        self.limit = limit
        self.includeOnRateLimited = includeOnRateLimited
        self.requireAPIKey = requireAPIKey
    }

    /// No `X-Bapi-*` headers on any response.
    public static let absent = BapiHeaders(presence: nil)

    /// The headers on every JSON response, with or without an API key (not what Bybit
    /// was observed to do; for testing clients that read them).
    public static let always = BapiHeaders(requireAPIKey: false)
}

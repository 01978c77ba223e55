/// When responses carry `X-Bapi-Limit`, `X-Bapi-Limit-Status` and
/// `X-Bapi-Limit-Reset-Timestamp`.
///
/// Bybit documents them on every response but was observed omitting them on public 10006
/// answers, and whether successful public responses carry them is unverified, so a client
/// must not depend on them. Values: `X-Bapi-Limit` is ``limit``; `X-Bapi-Limit-Status` is
/// what remains of the caller's IP window (``IPRateLimit``) after this request;
/// `X-Bapi-Limit-Reset-Timestamp` is the current time in ms, or on a 10006 the next whole
/// second.
public struct BapiHeaders: Sendable, Hashable {
    /// Which JSON responses carry the headers; `nil` means none.
    public var presence: RequestTrigger?
    /// The value of `X-Bapi-Limit`.
    public var limit: Int
    /// Whether 10006 responses carry them too (observed: they do not).
    public var includeOnRateLimited: Bool

    /// Creates a header policy; by default every JSON response except 10006 carries them.
    public init(presence: RequestTrigger? = .always, limit: Int = 600, includeOnRateLimited: Bool = false) {
        self.presence = presence
        self.limit = limit
        self.includeOnRateLimited = includeOnRateLimited
    }

    /// No `X-Bapi-*` headers on any response.
    public static let absent = BapiHeaders(presence: nil)
}

/// Bybit's per-IP limit: at most `limit` requests in any sliding `window`; the request
/// that would exceed it is answered with HTTP 403 and the IP is banned for `banDuration`.
///
/// Defaults are the documented values: 600 requests per 5 s, a 10-minute ban. Use a short
/// ban in tests. During a ban every request from the IP gets 403 and is not counted in the
/// window; when the ban expires the window starts empty. The window is
/// `(now − window, now]`, keyed by ``SimulatorRequest/clientIP``.
public struct IPRateLimit: Sendable, Hashable {
    /// Whether the limit is enforced at all (counters are kept either way).
    public var isEnabled: Bool
    /// Requests allowed per window (1…100 000).
    public var limit: Int
    /// The sliding window's length (positive).
    public var window: Duration
    /// How long an IP stays banned after exceeding the limit (not negative).
    public var banDuration: Duration

    /// Creates a limit; the defaults are Bybit's documented 600 per 5 s and 10-minute ban.
    public init(isEnabled: Bool = true, limit: Int = 600, window: Duration = .seconds(5), banDuration: Duration = .seconds(600)) {
        self.isEnabled = isEnabled
        self.limit = limit
        self.window = window
        self.banDuration = banDuration
    }

    func validate() throws(SimulatorConfigurationError) {
        guard (1...100_000).contains(limit), window > .zero, banDuration >= .zero else {
            throw SimulatorConfigurationError(
                .invalidBehavior, subject: "ipRateLimit",
                "limit must be in 1…100000, window positive and banDuration not negative (got \(limit) per \(window), ban \(banDuration))")
        }
    }
}

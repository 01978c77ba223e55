/// A request limit answered the way Bybit answers its API rate limit: HTTP 200 with
/// `retCode` 10006 "Too many visits. Exceeded the API Rate Limit." for every request beyond
/// `limit` in any sliding `window`, without a ban. Those answers are not counted in the
/// window, so a client that slows down gets through again.
///
/// Off by default. Bybit documents per-UID limits only for private endpoints; that public
/// market endpoints answer 10006 under load is observed (pybit#340), and its exact window is
/// unverified. The window counts every routed request of every client together, as a
/// per-account limit would; the IP limit (``IPRateLimit``) still applies first.
public struct APIRateLimit: Sendable, Hashable {
    /// Requests answered normally per window (1…100 000).
    public var limit: Int
    /// The sliding window's length (positive).
    public var window: Duration

    /// Creates a limit of `limit` requests per `window`.
    public init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    func validate() throws(SimulatorConfigurationError) {
        guard (1...100_000).contains(limit), window > .zero else {
            throw SimulatorConfigurationError(
                .invalidBehavior, subject: "apiRateLimit", "limit must be in 1…100000 and window positive (got \(limit) per \(window))")
        }
    }
}

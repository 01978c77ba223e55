/// How a ``RateLimit`` counts requests.
///
/// - ``slidingWindow``: the sliding-window counter (the default). Clock-aligned
///   sub-windows (``RateLimit/subWindows``, 8 by default); the oldest one's count is
///   weighted by how much of it still overlaps the sliding window ending now. No double
///   burst at window edges, one counter per sub-window per key.
/// - ``gcra``: the generic cell rate algorithm, equivalent to a token bucket holding
///   ``RateLimit/burst`` tokens refilled at `limit` per `window`. Use it to control
///   bursts: requests are spread evenly once the burst is spent. One integer per key.
public enum RateLimitAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// The sliding-window counter, written `sliding-window` in configuration.
    case slidingWindow = "sliding-window"
    /// GCRA (token-bucket equivalent), written `gcra` in configuration.
    case gcra
}

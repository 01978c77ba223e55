import LookoutBybit

/// Settings of a ``CandleCache``.
public struct CandleCacheConfiguration: Sendable, Hashable {
    /// Candles per chunk, 1...1,000 (one exchange request fills one chunk). Smaller chunks
    /// make partial hits finer; larger ones need fewer keys. Default 1,000.
    public var chunkSize: Int = 1000
    /// How long a chunk whose candles have all closed stays cached (they never change).
    /// Default 7 days.
    public var closedChunkTTL: Duration = .seconds(7 * 86_400)
    /// Each closed chunk's TTL is shortened by a random fraction up to this (0...0.5), so
    /// chunks written together do not all expire together. Default 0.1.
    public var ttlJitter: Double = 0.1
    /// What happens to the chunk holding the still-open candle.
    public var openChunk: OpenChunkPolicy = .untilCandleCloses(atMost: .seconds(60))
    /// The prefix of every key; the format version and chunk size follow it.
    public var keyPrefix: String = "lookout:candles"

    /// The defaults.
    public init() {}

    /// What to do with a chunk that holds the still-forming candle (or reaches into the future).
    public enum OpenChunkPolicy: Sendable, Hashable {
        /// Never cache it: every request for it goes upstream.
        case notCached
        /// Cache it until the open candle closes, but never longer than `atMost`: the
        /// open candle's close may be that stale.
        case untilCandleCloses(atMost: Duration)
    }
}

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
    /// How chunk payloads are compressed: not at all (the default: 16–19 % of the JSON,
    /// 1,000 candles decode in about 30 µs) or zlib (13–16 %, about twice as slow to decode).
    public var compression: CandleChunkCodec.Compression = .none
    /// Decoded chunks kept next to their bytes, so a hit on an unchanged value skips
    /// decoding (about 200 KB per 1,000-candle chunk); 0 turns this off. Default 32.
    public var decodedChunkLimit: Int = 32
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

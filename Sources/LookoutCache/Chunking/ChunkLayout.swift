import LookoutBybit

/// How a (category, symbol, interval) series is cut into chunks: chunk `k` spans slots
/// `k × size ..< (k + 1) × size`, slot `s` being the candle starting at `s × interval`
/// since the epoch. Pure arithmetic; only fixed-length intervals (minutes and days) are
/// chunked.
struct ChunkLayout: Sendable, Hashable {
    /// Candle length, ms.
    let length: Int64
    /// Slots per chunk.
    let size: Int

    init?(interval: KlineInterval, size: Int) {
        guard let length = interval.milliseconds, interval != .week, size >= 1 else { return nil }
        self.length = length
        self.size = size
    }

    /// Milliseconds one chunk spans.
    var span: Int64 { length * Int64(size) }

    /// The chunk indices holding candle starts in `from...to` (a `from` inside a candle
    /// skips that candle, as the client does); empty when no candle starts in the range.
    func chunks(from: Int64, to: Int64) -> ClosedRange<Int64>? {
        let firstSlot = from <= 0 ? 0 : (from + length - 1) / length
        let lastSlot = to / length
        guard from <= to, to >= 0, firstSlot <= lastSlot else { return nil }
        return (firstSlot / Int64(size))...(lastSlot / Int64(size))
    }

    /// The first millisecond of chunk `index`.
    func start(ofChunk index: Int64) -> Int64 { index * span }

    /// The start time of the chunk's last slot.
    func lastCandleStart(ofChunk index: Int64) -> Int64 { start(ofChunk: index) + span - length }

    /// The first millisecond after chunk `index`.
    func end(ofChunk index: Int64) -> Int64 { start(ofChunk: index) + span }

    /// When the candle containing `time` closes.
    func endOfCandle(containing time: Int64) -> Int64 { (time / length + 1) * length }
}

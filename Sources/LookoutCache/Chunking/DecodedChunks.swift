import LookoutBybit
import Synchronization

/// The last decoded chunks with the exact bytes they were decoded from: a hit whose
/// bytes are unchanged reuses the chunk instead of decoding again. Decoding is a pure
/// function of the bytes and the key, so equal bytes under the same key always mean the
/// same candles; comparing is O(1) when the backend hands back the same buffer (memory)
/// and a byte comparison otherwise (Redis). Bounded by `limit` entries. Thread-safe.
final class DecodedChunks: Sendable {
    private let entries = Mutex<[String: (bytes: [UInt8], chunk: CandleChunk)]>([:])
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func chunk(_ key: String, bytes: [UInt8]) -> CandleChunk? {
        guard limit > 0 else { return nil }
        return entries.withLock { entries in
            guard let entry = entries[key], entry.bytes == bytes else { return nil }
            return entry.chunk
        }
    }

    func remember(_ key: String, bytes: [UInt8], chunk: CandleChunk) {
        guard limit > 0 else { return }
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= limit, let victim = entries.keys.first {
                entries.removeValue(forKey: victim)
            }
            entries[key] = (bytes, chunk)
        }
    }
}

extension Array where Element == Kline {
    /// The rows with start times in `from...to`, found by binary search (rows ascend).
    func within(from: Int64, to: Int64) -> ArraySlice<Kline> {
        func firstIndex(notBefore time: Int64) -> Int {
            var low = startIndex
            var high = endIndex
            while low < high {
                let middle = (low + high) / 2
                if self[middle].startTime < time { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let lower = firstIndex(notBefore: from)
        let upper = to == .max ? endIndex : firstIndex(notBefore: to + 1)
        return self[lower..<Swift.max(lower, upper)]
    }

    /// Appends the rows of `chunk` within `from...to` and returns how many; while empty,
    /// taking a whole chunk shares its storage instead of copying it.
    @discardableResult
    mutating func append(_ chunk: [Kline], from: Int64, to: Int64) -> Int {
        let slice = chunk.within(from: from, to: to)
        if isEmpty, slice.count == chunk.count {
            self = chunk  // shares the chunk's storage until something changes it
        } else {
            append(contentsOf: slice)
        }
        return slice.count
    }
}

import LookoutBybit

/// One chunk fetched from upstream and how many requests that took.
struct ChunkFetch: Sendable {
    var chunk: CandleChunk
    var requests: Int
}

extension CandleCache {
    /// The chunks `keys` from upstream, concurrently, each through the single-flight so
    /// concurrent callers share one request per chunk; stored in the backend on the way.
    /// - Returns: per key, the chunk, the requests this caller caused, whether it joined.
    func fetch(
        _ keys: [ChunkKey], rendered: [String], layout: ChunkLayout, upstream: some CandleUpstream
    ) async throws(BybitError) -> [(chunk: CandleChunk, requests: Int, joined: Bool)] {
        var results = [(chunk: CandleChunk, requests: Int, joined: Bool)?](repeating: nil, count: keys.count)
        let failure: BybitError? = await withTaskGroup(of: (Int, Result<ChunkFetch, BybitError>, Bool).self) { group in
            for position in keys.indices {
                group.addTask {
                    let (result, joined) = await self.flights.run(rendered[position]) {
                        await self.load(keys[position], rendered: rendered[position], layout: layout, upstream: upstream)
                    }
                    return (position, result, joined)
                }
            }
            events.waiters(flights.waiters)
            while let (position, result, joined) = await group.next() {
                switch result {
                case .success(let fetch): results[position] = (fetch.chunk, joined ? 0 : fetch.requests, joined)
                case .failure(let error):
                    group.cancelAll()
                    return error
                }
            }
            return nil
        }
        events.waiters(flights.waiters)
        if let failure { throw failure }
        return results.map { $0! }
    }

    /// Fetches one chunk's whole span from upstream and stores it per the TTL rules.
    private func load(_ key: ChunkKey, rendered: String, layout: ChunkLayout, upstream: some CandleUpstream) async -> Result<ChunkFetch, BybitError> {
        let start = layout.start(ofChunk: key.index)
        let rows: [Kline]
        let requests: Int
        do throws(BybitError) {
            let series = try await upstream.candles(category: key.category, symbol: key.symbol, interval: key.interval,
                                                    from: start, to: layout.lastCandleStart(ofChunk: key.index))
            rows = series.rows
            requests = series.pages
        } catch where error.code == .noData {
            // The exchange has nothing in this span (before a listing, after a delivery):
            // that is a fact worth caching too.
            rows = []
            requests = 1
        } catch {
            events.upstream(requests: 1)
            return .failure(error)
        }
        events.upstream(requests: requests)
        let chunk = CandleChunk(start: start, interval: key.interval, capacity: layout.size, rows: rows)
        if let ttl = timeToLive(of: chunk, layout: layout, index: key.index) {
            do throws(CandleChunkCodec.EncodingFailure) {
                let encoded = try CandleChunkCodec.encode(chunk, compression: configuration.compression)
                decoded.remember(rendered, bytes: encoded, chunk: chunk)
                if await store(rendered, encoded, ttl: ttl) {
                    events.stored(rawBytes: JSONSize.rows(chunk.rows), storedBytes: encoded.count)
                }
            } catch {
                // Values beyond 128-bit significands at a shared scale: served, not cached.
            }
        }
        return .success(ChunkFetch(chunk: chunk, requests: requests))
    }

    /// How long `chunk` may be cached, or `nil` for not at all.
    ///
    /// Closed chunks (every slot in the past, no open candle) get the long TTL minus up to
    /// ``CandleCacheConfiguration/ttlJitter`` of it. A chunk reaching the present is kept
    /// only until the current candle closes (capped), or not at all.
    func timeToLive(of chunk: CandleChunk, layout: ChunkLayout, index: Int64) -> Duration? {
        let now = clock.nowMilliseconds()
        if !chunk.hasOpenCandle, layout.end(ofChunk: index) <= now {
            let full = Double(configuration.closedChunkTTL.wholeMilliseconds)
            let jittered = full * (1 - Double.random(in: 0...configuration.ttlJitter))
            return .milliseconds(max(1, Int64(jittered)))
        }
        switch configuration.openChunk {
        case .notCached:
            return nil
        case .untilCandleCloses(let atMost):
            var closes = layout.endOfCandle(containing: now)
            if let open = chunk.rows.last, !open.isClosed { closes = min(closes, open.startTime + layout.length) }
            let remaining = min(closes - now, atMost.wholeMilliseconds)
            return remaining > 0 ? .milliseconds(remaining) : nil
        }
    }
}

/// The size of candles written as Bybit's JSON rows (`["t","o","h","l","c","v","t"],`),
/// computed without building the text: the baseline the stored size is compared with.
enum JSONSize {
    static func rows(_ rows: [Kline]) -> Int {
        rows.reduce(0) { total, row in
            total + 2 + 14 + 7 * 3 + 6 + decimal(row.open) + decimal(row.high) + decimal(row.low) + decimal(row.close)
                + decimal(row.volume) + decimal(row.turnover)
        }
    }

    static func decimal(_ value: ExactDecimal) -> Int {
        var digits = 1
        var magnitude = value.significand.magnitude
        while magnitude >= 10 {
            magnitude /= 10
            digits += 1
        }
        let width = value.scale > 0 ? max(digits, value.scale + 1) + 1 : digits
        return width + (value.significand < 0 ? 1 : 0)
    }
}

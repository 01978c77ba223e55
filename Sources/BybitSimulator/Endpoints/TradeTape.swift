/// The simulated public trades of an instrument, derived from its one-second candles: a
/// second with volume has one to three trades whose sizes add up to its volume, the last
/// at its close. The newest trade is always in the current second and trades at the last
/// price, so a ticker and the trade list agree.
struct TradeTape {
    struct Trade {
        var time: Int64
        var ordinal: Int
        var price: Int64
        var size: Int128
        var buy: Bool
    }

    let model: InstrumentModel
    private var seed: UInt64 { StableHash.mix(model.nodeSeed, 0x7EAD) }

    /// At most `count` trades up to `now` (ms), newest first; looks back at most a day.
    func latest(count: Int, now: Int64) -> [Trade] {
        let until = model.visibleUntil(now: now)
        guard until > model.visibleFrom, count > 0 else { return [] }
        var tree = CandleTree(model: model, kind: .last)
        var trades: [Trade] = []
        let current = until - 1000
        var second = current
        while trades.count < count, second >= model.visibleFrom, current - second < CandleInterval.millisecondsPerDay {
            defer { second -= 1000 }
            guard let candle = tree.candle(start: second, from: second, to: second + 1000),
                  candle.volume > 0 || second == current else { continue }
            let hash = StableHash.mix(seed, 1, second)
            let number = 1 + Int(hash % 3)
            let latestOffset = second == current ? min(999, now - second) : 999
            let offsets = (0..<number).map { Int64(StableHash.mix(seed, UInt64(2 + $0), second) % UInt64(latestOffset + 1)) }.sorted()
            let share = max(1, candle.volume / Int128(number))
            for ordinal in stride(from: number - 1, through: 0, by: -1) where trades.count < count {
                let price = ordinal == number - 1 ? candle.close : ordinal == 0 ? candle.open : (ordinal % 2 == 1 ? candle.high : candle.low)
                let size = ordinal == number - 1 ? max(1, candle.volume - share * Int128(number - 1)) : share
                trades.append(Trade(time: second + offsets[ordinal], ordinal: ordinal, price: price, size: size,
                                    buy: ordinal == number - 1 ? candle.close >= candle.open : price >= candle.open))
            }
        }
        return trades
    }

    /// The execution id: digits decreasing with time on spot, a UUID-shaped hex id on
    /// contracts (Bybit's are opaque).
    func executionID(_ trade: Trade) -> String {
        if model.instrument.category == .spot {
            return "21" + String(trade.time * 10 + Int64(trade.ordinal))
        }
        let high = StableHash.mix(seed, 9, trade.time * 10 + Int64(trade.ordinal))
        let low = StableHash.mix(high, 10)
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
        }
        return "\(hex(high >> 32, 8))-\(hex((high >> 16) & 0xFFFF, 4))-\(hex(high & 0xFFFF, 4))-\(hex(low >> 48, 4))-\(hex(low & 0xFFFF_FFFF_FFFF, 12))"
    }
}

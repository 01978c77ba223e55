import BybitSimulator
import Foundation
import Testing

/// Long histories stay in a plausible range for their period: the walk passes exactly
/// through each anchor of an instrument's price history and stays near the anchors' chord.
@Suite struct PriceHistoryTests {
    static let day: Int64 = 86_400_000
    /// 2025-01-01, the reference day of the standard instruments.
    static let referenceDay: Int64 = 1_735_689_600_000

    let harness: Harness
    init() throws { harness = try Harness(now: .milliseconds(1_764_000_000_000)) }

    /// The daily closes of linear `symbol` from `start` (ms) to `end` (ms), oldest first.
    func dailyCloses(_ symbol: String, from start: Int64, to end: Int64) throws -> [(start: Int64, close: Double)] {
        var result: [(Int64, Double)] = []
        var cursor = start
        while cursor < end {
            let pageEnd = min(end, cursor + 999 * Self.day)
            let rows = try harness.rows("/v5/market/kline?category=linear&symbol=\(symbol)&interval=D&start=\(cursor)&end=\(pageEnd)&limit=1000")
            result += rows.reversed().map { (Int64($0[0]) ?? 0, Double($0[4]) ?? 0) }
            cursor = pageEnd + Self.day
        }
        return result
    }

    @Test(arguments: ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT"])
    func theDailyOpenOnEveryAnchorDayIsTheAnchorPrice(symbol: String) throws {
        let instrument = try #require(InstrumentUniverse.standard.instrument(category: .linear, symbol: symbol))
        let anchors = instrument.priceHistory.filter { $0.time >= instrument.launchTime }
        #expect(anchors.count >= 4, "\(symbol) has a price history")
        for anchor in anchors {
            let rows = try harness.rows("/v5/market/kline?category=linear&symbol=\(symbol)&interval=D&start=\(anchor.time)&end=\(anchor.time)")
            let first = try #require(rows.first)
            let open = try #require(Decimal(string: first[1]))
            let expected = try #require(Decimal(string: anchor.price.description))
            let tick = try #require(Decimal(string: instrument.tickSize.description))
            #expect(abs(open - expected) <= tick, "\(symbol) opened \(open) on \(anchor.time), anchored at \(expected)")
        }
    }

    @Test func bitcoinStaysWithinAFactorOfTwoOfItsAnchorsChordFrom2020To2025() throws {
        let instrument = try #require(InstrumentUniverse.standard.instrument(category: .linear, symbol: "BTCUSDT"))
        let pins = ([(instrument.referenceTime, 94_000.0)] + instrument.priceHistory.map { ($0.time, Double($0.price.description) ?? 0) })
            .sorted { $0.0 < $1.0 }
        let candles = try dailyCloses("BTCUSDT", from: instrument.launchTime, to: Self.referenceDay)
        #expect(candles.count > 1_700)
        for candle in candles {
            guard let right = pins.firstIndex(where: { $0.0 >= candle.start }), right > 0 else { continue }
            let (t0, p0) = pins[right - 1], (t1, p1) = pins[right]
            let fraction = Double(candle.start - t0) / Double(t1 - t0)
            let chord = exp(log(p0) + (log(p1) - log(p0)) * fraction)
            #expect(candle.close / chord < 2 && chord / candle.close < 2, "BTCUSDT closed \(candle.close) on \(candle.start), chord \(chord)")
        }
    }

    @Test func anchorsOnTheSameDayAreRefused() throws {
        var instrument = try #require(InstrumentUniverse.standard.instrument(category: .linear, symbol: "BTCUSDT"))
        instrument.priceHistory.append(PriceAnchor(time: instrument.referenceTime + 3_600_000, price: instrument.referencePrice))
        #expect {
            try InstrumentUniverse([instrument])
        } throws: { error in
            "\(error)".contains("priceHistory pins UTC day 20089 twice")
        }
        instrument.priceHistory = [PriceAnchor(year: 2020, month: 1, day: 1, price: try DecimalAmount("0.1"))]
        #expect {
            try InstrumentUniverse([instrument])
        } throws: { error in
            "\(error)".contains("under 100 ticks")
        }
    }
}

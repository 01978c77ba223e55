/// The instruments the simulated exchange lists, validated and indexed.
///
/// ``standard`` holds 41 plausible spot, linear and inverse instruments (BTCUSDT, ETHUSDT,
/// SOLUSDT, BTCUSD, a delivered BTCUSDZ22 future, an illiquid ZECUSDT spot pair that shows
/// flat candles, …); ``realistic`` (the default of ``SimulatorConfiguration``) adds 600
/// generated USDT perpetuals so linear instruments-info paginates. Build your own with
/// ``init(_:)`` or extend one with
/// ``addingSyntheticLinearInstruments(count:)`` to exercise `instruments-info` pagination.
public struct InstrumentUniverse: Sendable, Hashable {
    /// Every instrument, ordered by category then symbol.
    public let instruments: [SimulatedInstrument]
    private let indexByKey: [String: Int]
    private let rangeByCategory: [MarketCategory: Range<Int>]

    /// Validates and indexes `instruments`.
    ///
    /// - Throws: ``SimulatorConfigurationError`` for an invalid instrument, a duplicate
    ///   category/symbol pair, or an empty list.
    public init(_ instruments: [SimulatedInstrument]) throws(SimulatorConfigurationError) {
        guard !instruments.isEmpty else {
            throw SimulatorConfigurationError(.emptyUniverse, subject: "universe", "add at least one instrument")
        }
        let order = MarketCategory.allCases
        let sorted = instruments.sorted {
            ($0.category == $1.category)
                ? $0.symbol.utf8.lexicographicallyPrecedes($1.symbol.utf8)
                : order.firstIndex(of: $0.category)! < order.firstIndex(of: $1.category)!
        }
        var index: [String: Int] = [:]
        var ranges: [MarketCategory: Range<Int>] = [:]
        for (position, instrument) in sorted.enumerated() {
            try instrument.validate()
            guard index.updateValue(position, forKey: instrument.key) == nil else {
                throw SimulatorConfigurationError(
                    .duplicateInstrument, subject: "instrument \(instrument.key)", "is listed twice; keep one definition")
            }
            let existing = ranges[instrument.category] ?? position..<position
            ranges[instrument.category] = existing.lowerBound..<(position + 1)
        }
        self.instruments = sorted
        self.indexByKey = index
        self.rangeByCategory = ranges
    }

    /// The instrument listed as `symbol` in `category`, if any. Symbols are case-sensitive.
    public func instrument(category: MarketCategory, symbol: String) -> SimulatedInstrument? {
        indexByKey["\(category)/\(symbol)"].map { instruments[$0] }
    }

    /// The instruments of `category`, ordered by symbol.
    public func instruments(in category: MarketCategory) -> ArraySlice<SimulatedInstrument> {
        rangeByCategory[category].map { instruments[$0] } ?? []
    }

    /// A copy with `count` extra linear perpetuals `SIM0001USDT`, `SIM0002USDT`, … (launched
    /// 2024-01-01), so that `instruments-info?category=linear` needs more than one page at
    /// Bybit's default `limit` of 500, as the real exchange does.
    public func addingSyntheticLinearInstruments(count: Int) throws(SimulatorConfigurationError) -> InstrumentUniverse {
        guard (0...9999).contains(count) else {
            throw SimulatorConfigurationError(.invalidInstrument, subject: "synthetic instruments", "count must be in 0...9999")
        }
        var all = instruments
        for number in stride(from: 1, through: count, by: 1) {
            let digits = String(number)
            let code = "SIM" + String(repeating: "0", count: 4 - digits.count) + digits
            all.append(SimulatedInstrument(
                symbol: code + "USDT", category: .linear, baseCoin: code, quoteCoin: "USDT",
                launchTime: 1_704_067_200_000, tickSize: DecimalAmount(constant: "0.0001"),
                quantityStep: DecimalAmount(constant: "0.1"), referencePrice: DecimalAmount(constant: "1.2345"),
                dailyVolume: DecimalAmount(constant: "5000000"), dailyVolatility: 0.05))
        }
        return try InstrumentUniverse(all)
    }
}

extension InstrumentUniverse {
    /// The default universe: 30 linear, 7 spot and 4 inverse instruments with plausible
    /// listing dates, tick sizes and prices anchored at 2025-01-01, and for the major coins
    /// a price history pinned at rounded, approximate prices of their cycles since 2018, so
    /// long ranges sit in plausible ranges for their period (the values are plausible, not
    /// a copy of the live exchange; linear BTCUSDT's launch time is the one Bybit documents).
    public static let standard: InstrumentUniverse = {
        do {
            return try InstrumentUniverse(StandardInstruments.all)
        } catch {
            preconditionFailure("the built-in instrument table is invalid: \(error)")
        }
    }()
}

/// The rows of ``InstrumentUniverse/standard``.
private enum StandardInstruments {
    /// One compact row: symbol, base, quote, launch date, tick, quantity step, reference
    /// price, daily volume, daily volatility, quiet rate, max leverage.
    private struct Row {
        var symbol: String, base: String, quote: String
        var launch: (Int64, Int64, Int64)
        var tick: StaticString, step: StaticString, price: StaticString, volume: StaticString
        var volatility = 0.045, quiet = 0.0, leverage = 50, seed: String? = nil
    }

    private static func make(_ category: MarketCategory, _ rows: [Row]) -> [SimulatedInstrument] {
        rows.map { row in
            SimulatedInstrument(
                symbol: row.symbol, category: category, baseCoin: row.base, quoteCoin: row.quote,
                launchTime: CivilDate(year: row.launch.0, month: row.launch.1, day: row.launch.2).daysSinceEpoch
                    * CandleInterval.millisecondsPerDay,
                tickSize: DecimalAmount(constant: row.tick), quantityStep: DecimalAmount(constant: row.step),
                referencePrice: DecimalAmount(constant: row.price),
                priceHistory: StandardPriceHistory.anchors[row.seed ?? row.base] ?? [], dailyVolume: DecimalAmount(constant: row.volume),
                dailyVolatility: row.volatility, quietRate: row.quiet, priceSeed: row.seed, maxLeverage: row.leverage)
        }
    }

    static var all: [SimulatedInstrument] { linear + spot + inverse + [deliveredFuture] }

    private static let linear = make(.linear, [
        Row(symbol: "BTCUSDT", base: "BTC", quote: "USDT", launch: (2020, 3, 30), tick: "0.10", step: "0.001", price: "94000", volume: "60000", volatility: 0.03, leverage: 100),
        Row(symbol: "ETHUSDT", base: "ETH", quote: "USDT", launch: (2020, 10, 21), tick: "0.01", step: "0.01", price: "3350", volume: "900000", volatility: 0.035, leverage: 100),
        Row(symbol: "SOLUSDT", base: "SOL", quote: "USDT", launch: (2021, 6, 28), tick: "0.010", step: "0.1", price: "190", volume: "4000000"),
        Row(symbol: "XRPUSDT", base: "XRP", quote: "USDT", launch: (2021, 5, 13), tick: "0.0001", step: "1", price: "2.08", volume: "300000000"),
        Row(symbol: "DOGEUSDT", base: "DOGE", quote: "USDT", launch: (2021, 5, 13), tick: "0.00001", step: "1", price: "0.316", volume: "1500000000", volatility: 0.05),
        Row(symbol: "ADAUSDT", base: "ADA", quote: "USDT", launch: (2021, 5, 19), tick: "0.0001", step: "1", price: "0.85", volume: "200000000"),
        Row(symbol: "BNBUSDT", base: "BNB", quote: "USDT", launch: (2021, 5, 19), tick: "0.010", step: "0.01", price: "700", volume: "100000", volatility: 0.03),
        Row(symbol: "AVAXUSDT", base: "AVAX", quote: "USDT", launch: (2021, 9, 23), tick: "0.001", step: "0.1", price: "36", volume: "3000000", volatility: 0.05),
        Row(symbol: "LINKUSDT", base: "LINK", quote: "USDT", launch: (2021, 5, 19), tick: "0.001", step: "0.1", price: "20", volume: "5000000"),
        Row(symbol: "DOTUSDT", base: "DOT", quote: "USDT", launch: (2021, 5, 19), tick: "0.001", step: "0.1", price: "6.6", volume: "8000000"),
        Row(symbol: "LTCUSDT", base: "LTC", quote: "USDT", launch: (2021, 5, 13), tick: "0.01", step: "0.1", price: "103", volume: "600000", volatility: 0.04),
        Row(symbol: "TRXUSDT", base: "TRX", quote: "USDT", launch: (2021, 9, 23), tick: "0.00001", step: "1", price: "0.25", volume: "400000000", volatility: 0.03),
        Row(symbol: "BCHUSDT", base: "BCH", quote: "USDT", launch: (2021, 5, 13), tick: "0.05", step: "0.01", price: "430", volume: "150000", volatility: 0.04),
        Row(symbol: "NEARUSDT", base: "NEAR", quote: "USDT", launch: (2021, 11, 4), tick: "0.001", step: "0.1", price: "5", volume: "15000000", volatility: 0.05),
        Row(symbol: "ATOMUSDT", base: "ATOM", quote: "USDT", launch: (2021, 9, 23), tick: "0.001", step: "0.1", price: "6.4", volume: "6000000"),
        Row(symbol: "UNIUSDT", base: "UNI", quote: "USDT", launch: (2021, 5, 19), tick: "0.001", step: "0.1", price: "13", volume: "5000000", volatility: 0.05),
        Row(symbol: "AAVEUSDT", base: "AAVE", quote: "USDT", launch: (2021, 10, 14), tick: "0.01", step: "0.01", price: "310", volume: "300000", volatility: 0.05),
        Row(symbol: "APTUSDT", base: "APT", quote: "USDT", launch: (2022, 10, 19), tick: "0.0001", step: "0.01", price: "8.8", volume: "8000000", volatility: 0.05),
        Row(symbol: "ARBUSDT", base: "ARB", quote: "USDT", launch: (2023, 3, 23), tick: "0.0001", step: "0.1", price: "0.75", volume: "80000000", volatility: 0.05),
        Row(symbol: "OPUSDT", base: "OP", quote: "USDT", launch: (2022, 6, 1), tick: "0.0001", step: "0.1", price: "1.8", volume: "25000000", volatility: 0.05),
        Row(symbol: "SUIUSDT", base: "SUI", quote: "USDT", launch: (2023, 5, 3), tick: "0.0001", step: "10", price: "4.1", volume: "60000000", volatility: 0.055),
        Row(symbol: "FILUSDT", base: "FIL", quote: "USDT", launch: (2021, 9, 23), tick: "0.001", step: "0.1", price: "4.9", volume: "10000000"),
        Row(symbol: "ETCUSDT", base: "ETC", quote: "USDT", launch: (2021, 5, 19), tick: "0.001", step: "0.1", price: "26", volume: "2000000"),
        Row(symbol: "INJUSDT", base: "INJ", quote: "USDT", launch: (2022, 10, 27), tick: "0.001", step: "0.1", price: "20", volume: "3000000", volatility: 0.055),
        Row(symbol: "TONUSDT", base: "TON", quote: "USDT", launch: (2023, 11, 1), tick: "0.0001", step: "0.1", price: "5.6", volume: "10000000", volatility: 0.04),
        Row(symbol: "1000PEPEUSDT", base: "1000PEPE", quote: "USDT", launch: (2023, 5, 5), tick: "0.0000001", step: "100", price: "0.0173", volume: "30000000000", volatility: 0.07),
        Row(symbol: "WIFUSDT", base: "WIF", quote: "USDT", launch: (2024, 1, 18), tick: "0.0001", step: "1", price: "1.7", volume: "150000000", volatility: 0.07),
        Row(symbol: "ZECUSDT", base: "ZEC", quote: "USDT", launch: (2021, 9, 30), tick: "0.01", step: "0.01", price: "55", volume: "200000", volatility: 0.05, quiet: 0.1),
        Row(symbol: "BTCPERP", base: "BTC", quote: "USDC", launch: (2022, 3, 1), tick: "0.50", step: "0.001", price: "94000", volume: "5000", volatility: 0.03, leverage: 100),
        Row(symbol: "ETHPERP", base: "ETH", quote: "USDC", launch: (2022, 3, 1), tick: "0.05", step: "0.01", price: "3350", volume: "50000", volatility: 0.035, leverage: 100),
    ])

    private static let spot = make(.spot, [
        Row(symbol: "BTCUSDT", base: "BTC", quote: "USDT", launch: (2021, 7, 5), tick: "0.01", step: "0.000001", price: "94000", volume: "15000", volatility: 0.03),
        Row(symbol: "ETHUSDT", base: "ETH", quote: "USDT", launch: (2021, 7, 5), tick: "0.01", step: "0.00001", price: "3350", volume: "150000", volatility: 0.035),
        Row(symbol: "SOLUSDT", base: "SOL", quote: "USDT", launch: (2021, 7, 5), tick: "0.01", step: "0.001", price: "190", volume: "1000000"),
        Row(symbol: "XRPUSDT", base: "XRP", quote: "USDT", launch: (2021, 7, 5), tick: "0.0001", step: "0.01", price: "2.08", volume: "50000000"),
        Row(symbol: "DOGEUSDT", base: "DOGE", quote: "USDT", launch: (2021, 7, 5), tick: "0.00001", step: "0.1", price: "0.316", volume: "300000000", volatility: 0.05),
        Row(symbol: "ZECUSDT", base: "ZEC", quote: "USDT", launch: (2022, 2, 10), tick: "0.01", step: "0.0001", price: "55", volume: "5000", volatility: 0.05, quiet: 0.4),
        Row(symbol: "ETHBTC", base: "ETH", quote: "BTC", launch: (2021, 7, 5), tick: "0.000001", step: "0.0001", price: "0.0356", volume: "3000", volatility: 0.025, quiet: 0.2, seed: "ETHBTC"),
    ])

    private static let inverse = make(.inverse, [
        Row(symbol: "BTCUSD", base: "BTC", quote: "USD", launch: (2018, 11, 15), tick: "0.50", step: "1", price: "94000", volume: "2000000000", volatility: 0.03, leverage: 100),
        Row(symbol: "ETHUSD", base: "ETH", quote: "USD", launch: (2019, 1, 22), tick: "0.05", step: "1", price: "3350", volume: "500000000", volatility: 0.035, leverage: 100),
        Row(symbol: "XRPUSD", base: "XRP", quote: "USD", launch: (2019, 1, 22), tick: "0.0001", step: "1", price: "2.08", volume: "100000000"),
    ])

    /// The quarterly future of Bybit's index-kline docs example, delivered 2022-12-30 08:00 UTC.
    private static let deliveredFuture = SimulatedInstrument(
        symbol: "BTCUSDZ22", category: .inverse, baseCoin: "BTC", quoteCoin: "USD",
        launchTime: CivilDate(year: 2022, month: 6, day: 24).daysSinceEpoch * CandleInterval.millisecondsPerDay,
        deliveryTime: CivilDate(year: 2022, month: 12, day: 30).daysSinceEpoch * CandleInterval.millisecondsPerDay + 8 * 3_600_000,
        tickSize: DecimalAmount(constant: "0.50"), quantityStep: DecimalAmount(constant: "1"),
        referencePrice: DecimalAmount(constant: "94000"), priceHistory: StandardPriceHistory.anchors["BTC"] ?? [],
        dailyVolume: DecimalAmount(constant: "50000000"),
        dailyVolatility: 0.03, maxLeverage: 100)
}

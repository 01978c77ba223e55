import LookoutBybit

/// `lookout fetch --price mark|index|premium`: mark-, index- or premium-index-price candles,
/// which have no volume or turnover, so they are written by their own five-field table
/// rather than the trade-candle formats of `lookout fetch`.
struct PriceFetchCommand {
    static let help = """
        USAGE: lookout fetch SYMBOL... --price mark|index|premium --interval I [--limit N | --from T [--to T]] [options]

        Fetches mark-price, index-price or premium-index candles (GET /v5/market/mark-price-kline,
        index-price-kline, premium-index-price-kline) and writes symbol, start, open, high, low,
        close and whether the candle had closed. Symbols are fetched one after another.

        OPTIONS:
          --price P         mark (linear, inverse), index (linear, inverse) or premium (linear)
          --interval I      candle length: 1 3 5 15 30 60 120 240 360 720 (minutes), D, W or M
          --limit N         the latest N candles per symbol, 1...1000 (default 200)
          --from T          first candle start: 2024-06-01, 2024-06-01T12:30Z or milliseconds
          --to T            last candle start (default: now)
          --category C      linear (default) or inverse
        \(MarketCommand.commonHelp)

        EXIT STATUS:
          0  every symbol was fetched
          1  some symbols failed (the others were written; each failure is reported)
          2  invalid command line
          3  every symbol failed (nothing written)
        """

    /// Whether `lookout fetch` was asked for price candles.
    static func wants(_ arguments: [String]) -> Bool {
        arguments.contains { $0 == "--price" || $0.hasPrefix("--price=") }
    }

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let valued = MarketCommand.commonValued.union(["price", "interval", "limit", "from", "to"])
        let options = try CommandLineOptions(arguments, .init(valued: valued, flags: ["help"], allowsPositionals: true))
        if options.flag("help") { print(help); return 0 }
        let command = try MarketCommand("fetch", options)
        let kinds: [String: PriceKlineKind] = ["mark": .markPrice, "index": .indexPrice, "premium": .premiumIndexPrice]
        let priceText = options.value("price") ?? ""
        guard let kind = kinds[priceText] else {
            throw CommandLineError("option '--price' must be mark, index or premium, got '\(priceText)'")
        }
        let category = try command.category(kind == .premiumIndexPrice ? [.linear] : [.linear, .inverse])
        let symbols = options.positionals.map { $0.uppercased() }
        guard !symbols.isEmpty, !symbols.contains("") else {
            throw CommandLineError("fetch needs at least one symbol, e.g. `lookout fetch BTCUSDT --price mark --interval 60`")
        }
        let spellings = KlineInterval.allCases.map(\.rawValue).joined(separator: " ")
        guard let intervalText = options.value("interval") else { throw CommandLineError("fetch needs --interval: one of \(spellings)") }
        guard let interval = KlineInterval(rawValue: intervalText) else {
            throw CommandLineError("option '--interval' must be one of \(spellings), got '\(intervalText)'")
        }
        let limit = try options.integer("limit", in: 1...1000)
        let range = try command.range()
        if range != nil, limit != nil { throw CommandLineError("use either --limit N (the latest N candles) or --from T [--to T] (a range), not both") }

        var rows: [[MarketTable.Cell]] = []
        var failures = 0
        for symbol in symbols {
            do throws(BybitError) {
                let candles: [PriceKline]
                if let range {
                    candles = try await command.client.priceCandles(kind, category: category, symbol: symbol, interval: interval, from: range.from, to: range.to).rows
                } else {
                    candles = try await command.client.priceKlines(kind, category: category, symbol: symbol, interval: interval, limit: limit ?? 200).rows
                }
                rows += candles.map { [.text(symbol), .time($0.startTime), .decimal($0.open), .decimal($0.high), .decimal($0.low), .decimal($0.close), .bool($0.isClosed)] }
            } catch {
                if error.code == .invalidArgument { throw CommandLineError(error.message) }
                failures += 1
                StandardError.write("lookout fetch: \(symbol) failed: \(error)\n")
            }
        }
        guard failures < symbols.count else { return 3 }
        StandardOutput.write(MarketTable(columns: ["symbol", "start", "open", "high", "low", "close", "closed"], rows: rows).render(command.format))
        return failures == 0 ? 0 : 1
    }
}

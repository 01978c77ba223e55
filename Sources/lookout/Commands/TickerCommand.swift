import LookoutBybit

/// `lookout ticker`: latest price, best quotes and 24-hour statistics.
struct TickerCommand {
    static let help = """
        USAGE: lookout ticker [SYMBOL...] [--category C] [options]

        Prints Bybit's tickers (GET /v5/market/tickers): last price, best bid and ask, 24-hour
        change (a fraction: 0.0123 is +1.23 %), high, low, volume and turnover; for contracts also
        mark and index price, open interest and the next funding. Without a symbol, every
        trading symbol of the category.

        OPTIONS:
          --category C      spot, linear (default) or inverse
        \(MarketCommand.commonHelp)

        \(MarketCommand.exitStatusHelp)
        """

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let options = try CommandLineOptions(arguments, .init(valued: MarketCommand.commonValued, flags: ["help"], allowsPositionals: true))
        if options.flag("help") { print(help); return MarketCommand.Status.ok }
        let command = try MarketCommand("ticker", options)
        let category = try command.category([.linear, .spot, .inverse])
        let symbols = options.positionals.map { $0.uppercased() }
        if symbols.contains("") { throw CommandLineError("a symbol must not be empty, e.g. `lookout ticker BTCUSDT`") }
        return await command.run { () throws(BybitError) in
            var tickers: [BybitTicker] = []
            if symbols.isEmpty {
                tickers = try await command.client.tickers(category: category).tickers
            } else {
                for symbol in symbols { tickers.append(try await command.client.ticker(category: category, symbol: symbol)) }
            }
            return table(tickers, spot: category == .spot)
        }
    }

    static func table(_ tickers: [BybitTicker], spot: Bool) -> MarketTable {
        var columns = ["symbol", "last_price", "bid1_price", "ask1_price", "price_24h_pcnt", "high_price_24h", "low_price_24h", "volume_24h", "turnover_24h"]
        if !spot { columns += ["mark_price", "index_price", "open_interest", "funding_rate", "next_funding_time"] }
        let rows = tickers.map { ticker -> [MarketTable.Cell] in
            var row: [MarketTable.Cell] = [.text(ticker.symbol), .decimal(ticker.lastPrice), .decimal(ticker.bid1Price), .decimal(ticker.ask1Price),
                                           .decimal(ticker.price24hPcnt), .decimal(ticker.highPrice24h), .decimal(ticker.lowPrice24h),
                                           .decimal(ticker.volume24h), .decimal(ticker.turnover24h)]
            if !spot {
                row += [.decimal(ticker.markPrice), .decimal(ticker.indexPrice), .decimal(ticker.openInterest), .decimal(ticker.fundingRate), .time(ticker.nextFundingTime)]
            }
            return row
        }
        return MarketTable(columns: columns, rows: rows)
    }
}

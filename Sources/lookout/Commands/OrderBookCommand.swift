import LookoutBybit

/// `lookout orderbook`: an order-book snapshot.
struct OrderBookCommand {
    static let help = """
        USAGE: lookout orderbook SYMBOL [--depth N] [--category C] [options]

        Prints a snapshot of Bybit's order book (GET /v5/market/orderbook) as a ladder: asks
        from the highest down to the best, then bids from the best down. Prices and sizes are
        exactly as Bybit sent them.

        OPTIONS:
          --depth N         levels per side: 1...1000 (option 1...25); default 25 (spot 1)
          --category C      spot, linear (default), inverse or option
        \(MarketCommand.commonHelp)

        \(MarketCommand.exitStatusHelp)
        """

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let options = try CommandLineOptions(arguments, .init(valued: MarketCommand.commonValued.union(["depth"]), flags: ["help"], allowsPositionals: true))
        if options.flag("help") { print(help); return MarketCommand.Status.ok }
        let command = try MarketCommand("orderbook", options)
        let category = try command.category([.linear, .spot, .inverse, .option])
        let symbol = try command.symbol()
        let depth = try options.integer("depth", in: 1...BybitClient.maximumOrderBookDepth(for: category))
        return await command.run { () throws(BybitError) in
            let book = try await command.client.orderBook(category: category, symbol: symbol, depth: depth)
            let asks = book.asks.enumerated().reversed().map { index, level -> [MarketTable.Cell] in
                [.text("ask"), .integer(Int64(index + 1)), .decimal(level.price), .decimal(level.size)]
            }
            let bids = book.bids.enumerated().map { index, level -> [MarketTable.Cell] in
                [.text("bid"), .integer(Int64(index + 1)), .decimal(level.price), .decimal(level.size)]
            }
            return MarketTable(columns: ["side", "level", "price", "size"], rows: asks + bids)
        }
    }
}

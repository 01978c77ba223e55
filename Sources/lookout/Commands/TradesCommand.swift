import LookoutBybit

/// `lookout trades`: the latest public trades.
struct TradesCommand {
    static let help = """
        USAGE: lookout trades SYMBOL [--limit N] [--category C] [options]

        Prints Bybit's latest public trades (GET /v5/market/recent-trade), oldest first. Bybit
        serves only the latest trades: there is no time range.

        OPTIONS:
          --limit N         trades: spot 1...60 (default 60), others 1...1000 (default 500)
          --category C      spot, linear (default) or inverse
        \(MarketCommand.commonHelp)

        \(MarketCommand.exitStatusHelp)
        """

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let options = try CommandLineOptions(arguments, .init(valued: MarketCommand.commonValued.union(["limit"]), flags: ["help"], allowsPositionals: true))
        if options.flag("help") { print(help); return MarketCommand.Status.ok }
        let command = try MarketCommand("trades", options)
        let category = try command.category([.linear, .spot, .inverse])
        let symbol = try command.symbol()
        let limit = try options.integer("limit", in: 1...BybitClient.maximumRecentTrades(for: category))
        return await command.run { () throws(BybitError) in
            let trades = try await command.client.recentTrades(category: category, symbol: symbol, limit: limit)
            return MarketTable(columns: ["time", "side", "price", "size", "exec_id"], rows: trades.trades.map {
                [.time($0.time), .text($0.side.rawValue), .decimal($0.price), .decimal($0.size), .text($0.executionID)]
            })
        }
    }
}

import LookoutBybit

/// `lookout instruments`: the symbols a category lists.
struct InstrumentsCommand {
    static let help = """
        USAGE: lookout instruments [--category C] [--symbol S] [--status S] [options]

        Prints the instruments of a category (GET /v5/market/instruments-info), following
        Bybit's pages: symbol, status, coins, contract type, launch and delivery times, tick
        size and order-quantity limits.

        OPTIONS:
          --category C      spot, linear (default), inverse or option
          --symbol S        only this symbol
          --status S        PreLaunch, Trading (Bybit's default), Delivering or Closed
        \(MarketCommand.commonHelp)

        \(MarketCommand.exitStatusHelp)
        """

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let options = try CommandLineOptions(arguments, .init(valued: MarketCommand.commonValued.union(["symbol", "status"]), flags: ["help"]))
        if options.flag("help") { print(help); return MarketCommand.Status.ok }
        let command = try MarketCommand("instruments", options)
        let category = try command.category([.linear, .spot, .inverse, .option])
        let symbol = options.value("symbol")?.uppercased()
        if symbol?.isEmpty == true { throw CommandLineError("option '--symbol' needs a symbol, e.g. --symbol BTCUSDT") }
        let status = options.value("status")
        if let status, !["PreLaunch", "Trading", "Delivering", "Closed"].contains(status) {
            throw CommandLineError("option '--status' must be PreLaunch, Trading, Delivering or Closed, got '\(status)'")
        }
        return await command.run { () throws(BybitError) in
            let instruments = try await command.client.instruments(category: category, symbol: symbol, status: status)
            return MarketTable(
                columns: ["symbol", "status", "base_coin", "quote_coin", "contract_type", "launch_time", "delivery_time", "tick_size", "qty_step", "min_order_qty", "max_order_qty"],
                rows: instruments.map {
                    [.text($0.symbol), .text($0.status), .text($0.baseCoin), .text($0.quoteCoin), .text($0.contractType ?? ""), .time($0.launchTime),
                     .time($0.deliveryTime), .decimal($0.tickSize), .decimal($0.quantityStep), .decimal($0.minOrderQuantity), .decimal($0.maxOrderQuantity)]
                })
        }
    }
}

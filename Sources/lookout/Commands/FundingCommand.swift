import LookoutBybit

/// `lookout funding`: funding-rate history.
struct FundingCommand {
    static let help = """
        USAGE: lookout funding SYMBOL [--from T [--to T] | --limit N] [--category C] [options]

        Prints funding settlements (GET /v5/market/funding/history), oldest first: the rate (a
        fraction; positive means longs pay shorts) at each settlement, usually every 8 hours at
        00:00, 08:00 and 16:00 UTC. With --from, every settlement in the range, fetched page by
        page; otherwise the latest --limit.

        OPTIONS:
          --from T          first settlement: 2024-06-01, 2024-06-01T12:30Z or milliseconds
          --to T            last settlement (default: now)
          --limit N         the latest N settlements, 1...200 (default 200)
          --category C      linear (default) or inverse
        \(MarketCommand.commonHelp)

        \(MarketCommand.exitStatusHelp)
        """

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let options = try CommandLineOptions(arguments, .init(valued: MarketCommand.commonValued.union(["from", "to", "limit"]), flags: ["help"], allowsPositionals: true))
        if options.flag("help") { print(help); return MarketCommand.Status.ok }
        let command = try MarketCommand("funding", options)
        let category = try command.category([.linear, .inverse])
        let symbol = try command.symbol()
        let limit = try options.integer("limit", in: 1...200)
        let range = try command.range()
        if range != nil, limit != nil { throw CommandLineError("use either --limit N (the latest) or --from T [--to T] (a range), not both") }
        return await command.run { () throws(BybitError) in
            let rates: [BybitFundingRate]
            if let range {
                rates = try await command.client.fundingRates(category: category, symbol: symbol, from: range.from, to: range.to)
            } else {
                rates = try await command.client.fundingHistory(category: category, symbol: symbol, limit: limit).rates
            }
            return MarketTable(columns: ["time", "symbol", "funding_rate"], rows: rates.map { [.time($0.timestamp), .text($0.symbol), .decimal($0.fundingRate)] })
        }
    }
}

import LookoutBybit

/// `lookout open-interest` and `lookout ratio`: Bybit's bucketed market statistics.
struct StatisticsCommand {
    /// Which statistic.
    enum Kind {
        case openInterest, ratio

        var name: String { self == .openInterest ? "open-interest" : "ratio" }
        var bucketOption: String { self == .openInterest ? "interval" : "period" }
        var maximum: Int { self == .openInterest ? 200 : 500 }
    }

    static func help(_ kind: Kind) -> String {
        let what = kind == .openInterest
            ? """
              Prints open interest (GET /v5/market/open-interest), oldest first: contracts open at
              the start of each bucket, in the base coin for linear and in USD for inverse.
              """
            : """
              Prints the long/short account ratio (GET /v5/market/account-ratio), oldest first: the
              shares of accounts holding longs (buy_ratio) and shorts (sell_ratio); they sum to 1.
              """
        return """
            USAGE: lookout \(kind.name) SYMBOL --\(kind.bucketOption) P [--from T [--to T] | --limit N [--cursor C]] [options]

            \(what)
            With --from, every bucket in the range, following Bybit's cursor; otherwise one page of
            the latest --limit, and the cursor of the next (older) page on standard error.

            OPTIONS:
              --\(kind.bucketOption) P\(kind == .openInterest ? "  " : "    ")    bucket length: \(BybitStatisticsPeriod.allCases.map(\.rawValue).joined(separator: " "))
              --from T          first bucket: 2024-06-01, 2024-06-01T12:30Z or milliseconds
              --to T            last bucket (default: now)
              --limit N         buckets per page, 1...\(kind.maximum) (default 50)
              --cursor C        continue from a page's nextPageCursor, passed unchanged
              --category C      linear (default) or inverse
            \(MarketCommand.commonHelp)

            \(MarketCommand.exitStatusHelp)
            """
    }

    static func run(_ kind: Kind, _ arguments: [String]) async throws(CommandLineError) -> Int32 {
        let valued = MarketCommand.commonValued.union([kind.bucketOption, "from", "to", "limit", "cursor"])
        let options = try CommandLineOptions(arguments, .init(valued: valued, flags: ["help"], allowsPositionals: true))
        if options.flag("help") { print(help(kind)); return MarketCommand.Status.ok }
        let command = try MarketCommand(kind.name, options)
        let category = try command.category([.linear, .inverse])
        let symbol = try command.symbol()
        let period = try Self.period(options.value(kind.bucketOption), option: kind.bucketOption)
        let limit = try options.integer("limit", in: 1...kind.maximum)
        let cursor = options.value("cursor")
        let range = try command.range()
        if range != nil, limit != nil || cursor != nil {
            throw CommandLineError("use either --from T [--to T] (a range) or --limit N / --cursor C (one page), not both")
        }
        return await command.run { () throws(BybitError) in
            let client = command.client
            switch (kind, range) {
            case (.openInterest, let range?):
                return interestTable(try await client.openInterestHistory(category: category, symbol: symbol, interval: period, from: range.from, to: range.to))
            case (.openInterest, nil):
                let page = try await client.openInterest(category: category, symbol: symbol, interval: period, limit: limit, cursor: cursor)
                announce(page.nextPageCursor, name: kind.name)
                return interestTable(page.rows)
            case (.ratio, let range?):
                return ratioTable(try await client.accountRatioHistory(category: category, symbol: symbol, period: period, from: range.from, to: range.to))
            case (.ratio, nil):
                let page = try await client.accountRatio(category: category, symbol: symbol, period: period, limit: limit, cursor: cursor)
                announce(page.nextPageCursor, name: kind.name)
                return ratioTable(page.rows)
            }
        }
    }

    static func period(_ text: String?, option: String) throws(CommandLineError) -> BybitStatisticsPeriod {
        let spellings = BybitStatisticsPeriod.allCases.map(\.rawValue).joined(separator: " ")
        guard let text else { throw CommandLineError("--\(option) is required: one of \(spellings)") }
        guard let period = BybitStatisticsPeriod(rawValue: text) else {
            let hints = ["5m": "5min", "15m": "15min", "30m": "30min", "60": "1h", "1H": "1h", "240": "4h", "D": "1d", "1D": "1d"]
            let hint = hints[text].map { "; did you mean '\($0)'?" } ?? ""
            throw CommandLineError("option '--\(option)' must be one of \(spellings), got '\(text)'\(hint)")
        }
        return period
    }

    private static func announce(_ cursor: String?, name: String) {
        if let cursor { StandardError.write("lookout \(name): more rows: --cursor \(cursor)\n") }
    }

    private static func interestTable(_ rows: [BybitOpenInterest]) -> MarketTable {
        MarketTable(columns: ["time", "open_interest", "single_open_interest"],
                    rows: rows.map { [.time($0.timestamp), .decimal($0.openInterest), .decimal($0.singleOpenInterest)] })
    }

    private static func ratioTable(_ rows: [BybitAccountRatio]) -> MarketTable {
        MarketTable(columns: ["time", "symbol", "buy_ratio", "sell_ratio"],
                    rows: rows.map { [.time($0.timestamp), .text($0.symbol), .decimal($0.buyRatio), .decimal($0.sellRatio)] })
    }
}

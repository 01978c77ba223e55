import LookoutBybit

/// What `lookout fetch` was asked to do, checked before anything is sent.
struct FetchOptions {
    /// Which candles of each symbol.
    enum Selection: Equatable {
        /// The latest `limit` candles (one request per symbol).
        case latest(limit: Int)
        /// Every candle starting in `from...to` (ms since the epoch).
        case range(from: Int64, to: Int64)
    }

    var symbols: [String]
    var interval: KlineInterval
    var selection: Selection
    var category: BybitCategory
    var format: CandleFormat
    var outputPath: String?
    var concurrency: Int
    var excludeOpen: Bool
    var quiet: Bool
    var baseURL: BybitBaseURL
    /// The upstream budget's ceiling (`--budget N/5s`); `nil` keeps the client's default.
    var budget: (requests: Int, window: Duration)?
    /// `--resume`: continue the `--out` CSV file from its last complete candle.
    var resume: Bool

    static let specification = CommandLineOptions.Specification(
        valued: Set(["interval", "limit", "from", "to", "category", "format", "out", "concurrency", "base-url", "budget"] + CacheOptions.valuedFlags),
        flags: ["exclude-open", "quiet", "help", "resume"], allowsPositionals: true)

    /// Reads the parsed command line; `now` (ms) is the default `--to` and
    /// `stdoutIsTerminal` picks the default format.
    init(_ options: CommandLineOptions, now: Int64, stdoutIsTerminal: Bool) throws(CommandLineError) {
        guard !options.positionals.isEmpty else {
            throw CommandLineError("fetch needs at least one symbol, e.g. `lookout fetch BTCUSDT --interval 15`")
        }
        if let empty = options.positionals.first(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw CommandLineError("a symbol is empty ('\(empty)'); give symbols such as BTCUSDT")
        }
        var seen: Set<String> = []
        symbols = options.positionals.map { $0.uppercased() }.filter { seen.insert($0).inserted }

        guard let intervalText = options.value("interval") else {
            throw CommandLineError("fetch needs --interval: one of \(KlineInterval.allCases.map(\.rawValue).joined(separator: " ")) (minutes, or D, W, M)")
        }
        guard let interval = KlineInterval(rawValue: intervalText) else {
            throw CommandLineError("option '--interval' must be one of \(KlineInterval.allCases.map(\.rawValue).joined(separator: " ")), got '\(intervalText)'\(Self.intervalHint(intervalText))")
        }
        self.interval = interval

        let limit = try options.integer("limit", in: 1...1000)
        if options.value("limit") != nil, options.value("from") != nil || options.value("to") != nil {
            throw CommandLineError("use either --limit N (the latest N candles) or --from T [--to T] (a range), not both")
        }
        if let fromText = options.value("from") {
            let from = try Self.time(fromText, option: "from")
            let to = try options.value("to").map { (text) throws(CommandLineError) in try Self.time(text, option: "to") } ?? now
            guard from <= to else {
                if options.value("to") == nil {
                    throw CommandLineError("--from \(BybitTimestamp.format(from)) is in the future (now is \(BybitTimestamp.format(now))); give a past start")
                }
                throw CommandLineError("--from \(BybitTimestamp.format(from)) is after --to \(BybitTimestamp.format(to)); swap them")
            }
            let pages = BybitClient.pagesNeeded(interval: interval, from: from, to: to)
            guard pages <= 2_000 else {
                throw CommandLineError("the range needs \(pages) requests per symbol (more than 2000, about 2 million candles); fetch a shorter range or a longer interval")
            }
            selection = .range(from: from, to: to)
        } else {
            guard options.value("to") == nil else { throw CommandLineError("--to needs --from; for the latest candles use --limit N") }
            selection = .latest(limit: limit ?? 200)
        }

        let categoryText = options.value("category") ?? "linear"
        guard let category = BybitCategory(rawValue: categoryText), category != .option else {
            throw CommandLineError("option '--category' must be spot, linear or inverse, got '\(categoryText)'")
        }
        self.category = category

        if let formatText = options.value("format") {
            guard let format = CandleFormat(rawValue: formatText) else {
                throw CommandLineError("option '--format' must be csv, json, jsonl or table, got '\(formatText)'")
            }
            self.format = format
        } else {
            format = stdoutIsTerminal && options.value("out") == nil ? .table : .csv
        }
        outputPath = options.value("out")
        if outputPath?.isEmpty == true { throw CommandLineError("option '--out' needs a file path") }
        concurrency = try options.integer("concurrency", in: 1...64) ?? 8
        budget = try options.value("budget").map { (text) throws(CommandLineError) in try Self.budget(text) }
        resume = options.flag("resume")
        if resume {
            guard case .range = selection, format == .csv, outputPath != nil else {
                throw CommandLineError("--resume continues a CSV range in a file: it needs --from T, --out FILE and CSV output (the default for --out)")
            }
        }
        excludeOpen = options.flag("exclude-open")
        quiet = options.flag("quiet")
        baseURL = try BybitBaseURL.resolve(options)
    }

    /// `N/WINDOW`: at most N requests (1...100000) in any WINDOW (`5s`, `500ms`, `1m`;
    /// 1 ms...1 h).
    static func budget(_ text: String) throws(CommandLineError) -> (requests: Int, window: Duration) {
        let problem = CommandLineError("option '--budget' must be REQUESTS/WINDOW such as 500/5s or 20/1s (1...100000 requests, a window from 1ms to 1h), got '\(text)'")
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let requests = Int(parts[0]), (1...100_000).contains(requests) else { throw problem }
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        guard let unit = units.first(where: { parts[1].hasSuffix($0.0) && Int64(parts[1].dropLast($0.0.count)) != nil }),
              let amount = Int64(parts[1].dropLast(unit.0.count)), amount >= 1 else { throw problem }
        let (milliseconds, overflow) = amount.multipliedReportingOverflow(by: unit.1)
        guard !overflow, milliseconds <= 3_600_000 else { throw problem }
        return (requests, .milliseconds(milliseconds))
    }

    /// A hint for common non-Bybit interval spellings ("1m", "1h", "1d", "m").
    static func intervalHint(_ text: String) -> String {
        let lower = text.lowercased()
        let minutes = ["1m": "1", "3m": "3", "5m": "5", "15m": "15", "30m": "30", "1h": "60", "2h": "120", "4h": "240", "6h": "360", "12h": "720"]
        if let value = minutes[lower] { return "; Bybit counts minutes: use \(value)" }
        switch lower {
        case "1d", "d", "day": return "; for days use D"
        case "1w", "w", "week": return "; for weeks use W"
        case "m": return "; M (capital) is a month; for minutes use a number such as 1"
        case "1mo", "1month", "month": return "; for months use M"
        default: return ""
        }
    }

    /// Milliseconds since the epoch or an ISO 8601 UTC date(-time).
    static func time(_ text: String, option: String) throws(CommandLineError) -> Int64 {
        if let number = Int64(text), number > 0, number < 100_000_000_000 {
            // Before 1973-03-03 in milliseconds, but 1973...5138 in seconds.
            throw CommandLineError("option '--\(option)' takes milliseconds since 1970, got '\(text)', which looks like seconds; use \(number * 1000)")
        }
        guard let value = BybitTimestamp.parse(text) else {
            throw CommandLineError("option '--\(option)' must be a UTC date-time such as 2024-06-01, 2024-06-01T12:30Z or milliseconds since 1970, got '\(text)'")
        }
        return value
    }
}

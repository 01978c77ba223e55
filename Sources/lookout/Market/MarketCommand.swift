#if canImport(Glibc)
import Glibc
#endif
import LookoutBybit

/// What every market-data command (`ticker`, `orderbook`, `trades`, `funding`,
/// `open-interest`, `ratio`, `instruments`) shares: the common options, the client, the
/// output, and the exit statuses.
struct MarketCommand {
    /// Exit statuses, the same for every market command (listed in each help).
    enum Status {
        static let ok: Int32 = 0
        static let usage: Int32 = 2
        static let failed: Int32 = 3
        static let noData: Int32 = 4
    }

    /// The exit-status section of every market command's help.
    static let exitStatusHelp = """
        EXIT STATUS:
          0  the data was written
          2  invalid command line or parameter (one line on standard error says which)
          3  Bybit refused the request (unknown symbol, bad cursor…) or could not be reached
          4  the answer held no data (e.g. a range before the symbol was listed)
        """

    /// The options every market command takes.
    static let commonHelp = """
          --format F        table, csv or json (default: table on a terminal, csv otherwise)
          --base-url URL    API base URL (default $BYBIT_BASE_URL, else https://api.bybit.com)
          --help            show this help
        """

    static let commonValued: Set<String> = ["format", "base-url", "category"]

    let name: String
    let options: CommandLineOptions
    let format: MarketTable.Format
    let client: BybitClient

    /// Parses the common options and makes the client.
    init(_ name: String, _ options: CommandLineOptions) throws(CommandLineError) {
        self.name = name
        self.options = options
        if let text = options.value("format") {
            guard let format = MarketTable.Format(rawValue: text) else {
                throw CommandLineError("option '--format' must be table, csv or json, got '\(text)'")
            }
            self.format = format
        } else {
            format = isatty(STDOUT_FILENO) == 1 ? .table : .csv
        }
        let baseURL = try BybitBaseURL.resolve(options)
        do {
            client = try BybitClient(configuration: BybitClient.Configuration(baseURL: baseURL))
        } catch {
            throw CommandLineError(error.message)
        }
    }

    /// `--category`, one of `allowed` (the first is the default).
    func category(_ allowed: [BybitCategory]) throws(CommandLineError) -> BybitCategory {
        guard let text = options.value("category") else { return allowed[0] }
        guard let category = BybitCategory(rawValue: text), allowed.contains(category) else {
            throw CommandLineError("option '--category' must be \(Self.list(allowed.map(\.rawValue))) for \(name), got '\(text)'")
        }
        return category
    }

    /// The one symbol argument, upper-cased.
    func symbol() throws(CommandLineError) -> String {
        guard options.positionals.count == 1, let symbol = options.positionals.first, !symbol.isEmpty else {
            throw CommandLineError("\(name) needs exactly one symbol, e.g. `lookout \(name) BTCUSDT`")
        }
        return symbol.uppercased()
    }

    /// `--from`/`--to` as milliseconds: `nil` without `--from`; `--to` defaults to now.
    func range() throws(CommandLineError) -> (from: Int64, to: Int64)? {
        func time(_ option: String) throws(CommandLineError) -> Int64? {
            guard let text = options.value(option) else { return nil }
            guard let value = BybitTimestamp.parse(text) else {
                throw CommandLineError("option '--\(option)' must be a UTC date-time such as 2024-06-01, 2024-06-01T12:30Z or milliseconds since 1970, got '\(text)'")
            }
            if value < 100_000_000_000, text.allSatisfy(\.isNumber) {
                throw CommandLineError("option '--\(option)' \(text) looks like seconds; Bybit times are milliseconds (\(text)000)")
            }
            return value
        }
        guard let from = try time("from") else {
            if options.value("to") != nil { throw CommandLineError("--to needs --from") }
            return nil
        }
        let to = try time("to") ?? Self.nowMilliseconds()
        guard from <= to else {
            throw CommandLineError("--from \(BybitTimestamp.format(from)) is after --to \(BybitTimestamp.format(to)); give an earlier --from")
        }
        return (from, to)
    }

    /// Runs `body`, writes its table, and maps every outcome to one line and a status.
    func run(_ body: () async throws(BybitError) -> MarketTable) async -> Int32 {
        let table: MarketTable
        do {
            table = try await body()
        } catch {
            StandardError.write("lookout \(name): \(error.code == .invalidArgument ? error.message : error.description)\n")
            return error.code == .invalidArgument ? Status.usage : Status.failed
        }
        guard !table.rows.isEmpty else {
            StandardError.write("lookout \(name): Bybit returned no data for this request\n")
            return Status.noData
        }
        StandardOutput.write(table.render(format))
        return Status.ok
    }

    static func list(_ values: [String]) -> String {
        values.count <= 1 ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + values.last!
    }

    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}

#if canImport(Glibc)
import Glibc
#endif
import LookoutBybit
import LookoutCache
import LookoutRateLimit

/// `lookout fetch`: candles of several symbols from Bybit (or anything speaking its API,
/// such as `bybit-sim`), fetched in parallel, written as CSV, JSON, JSON Lines or a table.
struct FetchCommand {
    /// Exit statuses, documented in ``help``.
    enum Status {
        static let ok: Int32 = 0
        static let someFailed: Int32 = 1
        static let usage: Int32 = 2
        static let allFailed: Int32 = 3
        static let outputFailed: Int32 = 4
        static let partial: Int32 = 5
    }

    static let help = """
        USAGE: lookout fetch SYMBOL... --interval I [--limit N | --from T [--to T]] [options]

        Fetches candles from Bybit's V5 market API, all symbols in parallel, and writes them to
        standard output (or --out FILE). Progress is drawn on standard error when it is a
        terminal; a summary (candles per symbol, requests, retries, time) follows unless --quiet.

        OPTIONS:
          --interval I      candle length: 1 3 5 15 30 60 120 240 360 720 (minutes), D, W or M
          --limit N         the latest N candles per symbol, 1...1000 (default 200)
          --from T          first candle start: 2024-06-01, 2024-06-01T12:30Z or milliseconds
          --to T            last candle start (default: now); the range is split into pages
                            of 1,000 candles, at most 2,000 requests per symbol (about 2
                            million candles, e.g. 3.8 years of 1-minute candles)
          --category C      spot, linear (default) or inverse
          --price P         mark, index or premium candles instead of trades
                            (options: lookout fetch --price=mark --help)
          --format F        csv, json, jsonl (JSON Lines: one candle object per line, the
                            json format's fields plus symbol) or table (default: table on
                            a terminal, csv otherwise); a --from range in csv or jsonl is
                            written as pages arrive
          --out FILE        write to FILE (replaced atomically) instead of standard output
          --resume          continue an interrupted --out CSV range from its last complete
                            candle (same symbols, --from and --to as the interrupted run)
          --concurrency N   requests in flight at once, 1...64 (default 8)
          --budget N/W      send at most N requests in any window W (default 500/5s, under
                            Bybit's 600 per 5 s per IP); the budget adapts below this
                            ceiling when Bybit answers 10006 (too many visits) and recovers
          --exclude-open    leave out the candle that has not closed yet
        \(CacheOptions.help(default: .off))
          --base-url URL    API base URL (default $BYBIT_BASE_URL, else https://api.bybit.com),
                            e.g. a local simulator: --base-url http://127.0.0.1:9000
          --quiet           no progress and no summary; failed symbols are still reported
          --help            show this help

        EXIT STATUS:
          0  every symbol was fetched
          1  some symbols failed (the others were written; each failure is reported)
          2  invalid command line
          3  every symbol failed, e.g. the API is unreachable or banned this IP (nothing written)
          4  the output could not be written
          5  partial result: every symbol has candles, but some sub-ranges failed after every
             retry; the candles fetched were written and each missing range is reported on
             standard error (a range with --format csv or jsonl is streamed as pages arrive)
        """

    static func run(_ arguments: [String]) async throws(CommandLineError) -> Int32 {
        if PriceFetchCommand.wants(arguments) { return try await PriceFetchCommand.run(arguments) }
        let parsed = try CommandLineOptions(arguments, FetchOptions.specification)
        if parsed.flag("help") { print(help); return Status.ok }
        let options = try FetchOptions(parsed, now: Self.nowMilliseconds(),
                                       stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
        let cacheOptions = try CacheOptions(parsed, environment: CacheOptions.processEnvironment, default: .off)
        var configuration = BybitClient.Configuration(baseURL: options.baseURL)
        configuration.maxConcurrentRequests = options.concurrency
        if let budget = options.budget {
            configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: budget.requests, window: budget.window), clock: ContinuousClock())
        }
        let client: BybitClient
        do {
            client = try BybitClient(configuration: configuration)
        } catch {
            StandardError.write("lookout fetch: \(error.message)\n")
            return Status.allFailed
        }

        let started = ContinuousClock.now
        let pagesPlanned: Int
        switch options.selection {
        case .latest: pagesPlanned = options.symbols.count
        case .range(let from, let to): pagesPlanned = options.symbols.count * BybitClient.pagesNeeded(interval: options.interval, from: from, to: to)
        }
        let cache = cacheOptions.makeCache(metrics: nil)
        // A range written as CSV or JSON Lines streams page by page in constant memory; with a
        // cache the range goes through it instead, so that only the chunks it lacks are fetched.
        if cache == nil, case .range(let from, let to) = options.selection, options.format == .csv || options.format == .jsonl {
            return await streamRange(options, from: from, to: to, client: client, pagesPlanned: pagesPlanned, started: started)
        }
        do {
            // The document is written after the download: check --out before sending anything.
            try OutputFile.checkWritable(options.outputPath)
        } catch {
            StandardError.write("lookout fetch: \(error)\n")
            return Status.outputFailed
        }
        let progress = !options.quiet && isatty(STDERR_FILENO) == 1 ? ProgressReporter(pagesPlanned: pagesPlanned) { client.stats } : nil
        await probeCache(cache, options: cacheOptions)
        var outcome: [(String, Result<[Kline], BybitError>)]
        var missing: [String: [MissingCandleRange]] = [:]
        if let cache {
            outcome = await fetch(options, cached: CachingCandleClient(client: client, cache: cache))
        } else {
            (outcome, missing) = await fetch(options, client: client)
        }
        await progress?.finish()

        var series: [CandleFormat.Series] = []
        var failures: [CandleFormat.Failure] = []
        for index in outcome.indices {
            let (symbol, result) = outcome[index]
            // Each symbol's full-size rows are released once held compactly: the whole
            // range waits for the output at 64 bytes a candle, not 224.
            outcome[index].1 = .success([])
            switch result {
            case .success(let rows) where rows.isEmpty:
                // An empty "latest N" answer is the same outcome as an empty range: no data,
                // reported and counted as a failed symbol, never an empty success.
                failures.append(.init(symbol: symbol, error: BybitError(
                    code: .noData, message: "Bybit returned no \(symbol) candles (interval \(options.interval)); the symbol is not trading in category \(options.category), or has not listed yet",
                    symbol: symbol)))
            case .success(let rows): series.append(.init(symbol: symbol, candles: CompactKlines(options.excludeOpen ? Self.closed(rows) : rows[...])))
            case .failure(let error): failures.append(.init(symbol: symbol, error: error))
            }
        }
        if !options.quiet {
            StandardError.write(summary(series: series, failures: failures, stats: client.stats, elapsed: started.duration(to: .now)))
            if let stats = cache?.stats { StandardError.write(cacheSummary(stats, options: cacheOptions)) }
        } else {
            for failure in failures { StandardError.write("lookout fetch: \(failure.symbol) failed: \(failure.error)\n") }
        }
        guard !series.isEmpty else { return Status.allFailed }
        let document = options.format.render(series, failures: failures, category: options.category, interval: options.interval)
        do {
            try OutputFile.write(document, to: options.outputPath)
        } catch {
            StandardError.write("lookout fetch: \(error)\n")
            return Status.outputFailed
        }
        for symbol in options.symbols { reportMissing(symbol, missing[symbol] ?? []) }
        if !failures.isEmpty { return Status.someFailed }
        return missing.values.contains { !$0.isEmpty } ? Status.partial : Status.ok
    }

    /// A CSV or JSON Lines range, streamed: the output is opened first (so a bad `--out` fails before any
    /// request), pages are written as they arrive, missing sub-ranges are reported.
    private static func streamRange(_ options: FetchOptions, from: Int64, to: Int64, client: BybitClient,
                                    pagesPlanned: Int, started: ContinuousClock.Instant) async -> Int32 {
        var resume: ResumePoint?
        if options.resume, let path = options.outputPath {
            do { resume = try ResumePoint.read(path) } catch {
                StandardError.write("lookout: \(error)\n")
                return Status.usage
            }
            if let symbol = resume?.symbol, !options.symbols.contains(symbol) {
                StandardError.write("lookout: --resume: the last row of '\(path)' is for \(symbol), which is not among the symbols given; give the same symbols as the interrupted run\n")
                return Status.usage
            }
        }
        let sink: OutputSink
        do {
            if let resume, let path = options.outputPath {
                sink = try OutputSink.resume(path, keep: resume.keptBytes)
            } else {
                sink = try OutputSink.open(options.outputPath)
            }
        } catch {
            StandardError.write("lookout fetch: \(error)\n")
            return Status.outputFailed
        }
        let progress = !options.quiet && isatty(STDERR_FILENO) == 1 ? ProgressReporter(pagesPlanned: pagesPlanned) { client.stats } : nil
        let results: [StreamingFetch.SymbolResult]
        do {
            results = try await StreamingFetch.run(options, from: from, to: to, client: client, sink: sink, resume: resume)
        } catch {
            await progress?.finish()
            sink.abort()
            StandardError.write("lookout fetch: \(error)\n")
            return Status.outputFailed
        }
        await progress?.finish()
        let lines = results.filter { $0.failure == nil }.map { SymbolLine(symbol: $0.symbol, candles: $0.candles, first: $0.first, last: $0.last) }
        let failures = results.compactMap { result in result.failure.map { CandleFormat.Failure(symbol: result.symbol, error: $0) } }
        if !options.quiet {
            StandardError.write(summary(lines, failures: failures, stats: client.stats, elapsed: started.duration(to: .now)))
        } else {
            for failure in failures { StandardError.write("lookout fetch: \(failure.symbol) failed: \(failure.error)\n") }
        }
        for result in results { reportMissing(result.symbol, result.missing) }
        let missing = results.reduce(0) { $0 + $1.missing.count }
        guard !lines.isEmpty || resume != nil && failures.isEmpty else {
            sink.abort()
            return Status.allFailed
        }
        do { try sink.commit() } catch {
            StandardError.write("lookout fetch: \(error)\n")
            return Status.outputFailed
        }
        if !failures.isEmpty { return Status.someFailed }
        return missing > 0 ? Status.partial : Status.ok
    }

    /// One stderr line per sub-range of `symbol` that failed after every retry.
    private static func reportMissing(_ symbol: String, _ gaps: [MissingCandleRange]) {
        for gap in gaps { StandardError.write("lookout fetch: \(symbol) missing \(gap)\n") }
    }

    /// Every symbol's candles, or its error, in the order given; for a range, also the
    /// sub-ranges that failed after every retry (the rest of the symbol's candles are kept).
    private static func fetch(_ options: FetchOptions, client: BybitClient) async
        -> ([(String, Result<[Kline], BybitError>)], missing: [String: [MissingCandleRange]])
    {
        switch options.selection {
        case .latest(let limit):
            let batch = await client.fetchMultipleSymbols(options.symbols, category: options.category, interval: options.interval,
                                                          limit: limit, maxConcurrency: options.concurrency)
            return (batch.entries.map { ($0.symbol, $0.result.map(\.rows)) }, [:])
        case .range(let from, let to):
            let (category, interval) = (options.category, options.interval)
            let results = await fetchEachSymbol(options.symbols, maxConcurrency: options.concurrency) { symbol async throws(BybitError) in
                try await client.partialCandles(category: category, symbol: symbol, interval: interval, from: from, to: to)
            }
            var missing: [String: [MissingCandleRange]] = [:]
            let outcome = results.map { entry -> (String, Result<[Kline], BybitError>) in
                switch entry.result {
                case .success(let partial) where partial.series.rows.isEmpty && !partial.missing.isEmpty:
                    // Every page failed: the symbol failed, with its first page's error.
                    return (entry.symbol, .failure(partial.missing[0].error))
                case .success(let partial):
                    missing[entry.symbol] = partial.missing
                    return (entry.symbol, .success(partial.series.rows))
                case .failure(let error):
                    return (entry.symbol, .failure(error))
                }
            }
            return (outcome, missing)
        }
    }

    private static func closed(_ rows: [Kline]) -> ArraySlice<Kline> {
        rows[..<(rows.lastIndex(where: \.isClosed).map { $0 + 1 } ?? 0)]
    }

    /// One fetched symbol in the summary.
    struct SymbolLine {
        var symbol: String
        var candles: Int
        var first: Int64?
        var last: Int64?
    }

    /// Per-symbol lines, then totals: what was fetched, what failed and why, what it cost.
    static func summary(series: [CandleFormat.Series], failures: [CandleFormat.Failure], stats: BybitClientStats, elapsed: Duration) -> String {
        summary(series.map { SymbolLine(symbol: $0.symbol, candles: $0.candles.count, first: $0.candles.first?.startTime, last: $0.candles.last?.startTime) },
                failures: failures, stats: stats, elapsed: elapsed)
    }

    /// Per-symbol lines, then totals.
    static func summary(_ series: [SymbolLine], failures: [CandleFormat.Failure], stats: BybitClientStats, elapsed: Duration) -> String {
        let width = (series.map(\.symbol.count) + failures.map(\.symbol.count)).max() ?? 0
        func pad(_ symbol: String) -> String { symbol + String(repeating: " ", count: width - symbol.count) }
        var text = ""
        for entry in series {
            let span = entry.first.map { " \(BybitTimestamp.format($0)) … \(BybitTimestamp.format(entry.last ?? $0))" } ?? ""
            text += "\(pad(entry.symbol))  \(plural(entry.candles, "candle"))\(span)\n"
        }
        for failure in failures { text += "\(pad(failure.symbol))  failed: \(failure.error)\n" }
        let candles = series.reduce(0) { $0 + $1.candles }
        let symbols = series.count + failures.count
        text += "\(plural(symbols, "symbol")) (\(series.count) ok, \(failures.count) failed), \(plural(candles, "candle")), "
        text += "\(plural(stats.requests, "request")), \(stats.retries) retr\(stats.retries == 1 ? "y" : "ies"), "
        text += "\(ProgressBar.format(ProgressBar.seconds(elapsed)))\n"
        return text
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}

import LookoutBybit

/// `lookout fetch --from … --format csv` (or `jsonl`): each symbol's range streamed page by page
/// (``BybitClient/candlePages(category:symbol:interval:from:to:lookAhead:)``) and written
/// as it arrives, so memory does not grow with the range. Symbols are fetched one after
/// the other (each with `--concurrency` pages in flight) so the output keeps their order.
enum StreamingFetch {
    /// What one symbol produced.
    struct SymbolResult {
        var symbol: String
        var candles = 0
        var first: Int64?
        var last: Int64?
        /// Sub-ranges that failed after every retry, with why.
        var missing: [MissingCandleRange] = []
        /// Set when the symbol produced nothing at all.
        var failure: BybitError?
    }

    /// Streams every symbol's `from...to` into `sink` as CSV or JSON Lines
    /// (`options.format`); the caller commits or aborts
    /// the sink.
    /// With `resume`, symbols before the resumed one are skipped, and the resumed one
    /// continues after its last kept candle.
    static func run(_ options: FetchOptions, from: Int64, to: Int64, client: BybitClient, sink: OutputSink,
                    resume: ResumePoint? = nil) async throws(OutputFile.Failure) -> [SymbolResult] {
        let format = options.format
        if resume == nil { try sink.write(format.streamHeader.utf8) }
        let resumeIndex = resume?.symbol.flatMap { options.symbols.firstIndex(of: $0) }
        var results: [SymbolResult] = []
        for (index, symbol) in options.symbols.enumerated() {
            var result = SymbolResult(symbol: symbol)
            var from = from
            if let resumeIndex, index < resumeIndex {
                results.append(result)
                continue
            }
            if let resumeIndex, index == resumeIndex, let lastStart = resume?.lastStart {
                // A `from` inside a candle skips it: continue after the last kept one.
                from = lastStart + 1
                if from > to {
                    results.append(result)
                    continue
                }
            }
            let stream: CandlePageStream
            do {
                stream = try client.candlePages(category: options.category, symbol: symbol, interval: options.interval,
                                                from: from, to: to, lookAhead: options.concurrency)
            } catch {
                result.failure = error
                results.append(result)
                continue
            }
            var csv = CSVRowWriter(symbol: symbol)
            for await page in stream {
                switch page.result {
                case .success(let rows):
                    var appendFailure: OutputFile.Failure?
                    do {
                        try sink.append { out in
                            for row in rows where row.isClosed || !options.excludeOpen {
                                format.streamRow(symbol: symbol, row, csv: &csv, into: &out)
                                result.candles += 1
                                if result.first == nil { result.first = row.startTime }
                                result.last = row.startTime
                            }
                        }
                    } catch {
                        appendFailure = error
                    }
                    if let appendFailure { throw appendFailure }
                case .failure(let error):
                    result.missing.append(MissingCandleRange(from: page.from, to: page.to, error: error))
                }
            }
            if result.candles == 0 {
                if let first = result.missing.first {
                    result.failure = first.error
                } else if stream.pageCount > 0 {
                    result.failure = BybitError(
                        code: .noData,
                        message: "Bybit returned no \(symbol) candles (interval \(options.interval)) from \(BybitTimestamp.format(from)) to \(BybitTimestamp.format(to)) in \(stream.pageCount) request\(stream.pageCount == 1 ? "" : "s"); the range is before the symbol's listing or after its delivery (see instruments(category:symbol:) launchTime), or in the future",
                        symbol: symbol, attempts: 1)
                }
                result.missing = []
            }
            results.append(result)
        }
        return results
    }
}

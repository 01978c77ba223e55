/// One page of a streamed range: the candles of one sub-range, or why that sub-range is
/// missing.
public struct CandleRangePage<Row: KlineRow>: Sendable {
    /// First start time the page covers, ms since the epoch (inclusive).
    public var from: Int64
    /// Last start time the page covers, ms since the epoch (inclusive).
    public var to: Int64
    /// The candles (ascending, start times in ``from``...``to``, none repeated from an
    /// earlier page, the open candle marked), or the error that made this sub-range fail
    /// after every retry. A failed page does not end the stream.
    public var result: Result<[Row], BybitError>
}

/// The pages of a candle range, in ascending order, fetched with bounded look-ahead: at
/// most `lookAhead` pages are requested or held ahead of the one being consumed, so memory
/// stays constant however long the range.
///
/// Produced by ``BybitClient/candlePages(category:symbol:interval:from:to:lookAhead:)``.
/// A failed page is an element (with its sub-range), not the end: the caller keeps what
/// succeeded and knows exactly what is missing. Stopping iteration (or cancelling the task)
/// cancels the pages requested ahead.
public struct CandlePageStream: AsyncSequence, Sendable {
    /// Trade-price candles.
    public typealias Row = Kline
    public typealias Element = CandleRangePage<Row>
    public typealias Failure = Never

    let client: BybitClient
    let endpoint: BybitEndpoint
    let category: BybitCategory
    let symbol: String
    let interval: KlineInterval
    let windows: [PageWindow]
    let from: Int64
    let to: Int64
    let limit: Int
    let lookAhead: Int

    /// The number of pages (requests, without retries) the stream will yield.
    public var pageCount: Int { windows.count }

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: self)
    }

    /// Yields the pages in order, keeping up to `lookAhead` requests in flight.
    public struct Iterator: AsyncIteratorProtocol {
        private let stream: CandlePageStream
        private let pending: PendingPages<Row>
        private var next = 0
        private var lastStart = Int64.min

        init(stream: CandlePageStream) {
            self.stream = stream
            pending = PendingPages()
        }

        public mutating func next() async -> CandleRangePage<Row>? {
            while pending.count < stream.lookAhead, next < stream.windows.count {
                launch(stream.windows[next])
                next += 1
            }
            guard let (window, task) = pending.popFirst() else { return nil }
            let result = await task.value
            switch result {
            case .success(let page):
                var rows: [Row] = []
                rows.reserveCapacity(page.rows.count)
                for row in page.rows where row.startTime >= stream.from && row.startTime <= stream.to && row.startTime > lastStart {
                    rows.append(row)
                    lastStart = row.startTime
                }
                return CandleRangePage(from: Swift.max(window.start, stream.from), to: Swift.min(window.end, stream.to), result: .success(rows))
            case .failure(let error):
                return CandleRangePage(from: Swift.max(window.start, stream.from), to: Swift.min(window.end, stream.to), result: .failure(error))
            }
        }

        private func launch(_ window: PageWindow) {
            let stream = self.stream
            let task = Task { () -> Result<KlinePage<Row>, BybitError> in
                do throws(BybitError) {
                    return .success(try await stream.client.page(stream.endpoint, category: stream.category, symbol: stream.symbol,
                                                                 interval: stream.interval, start: window.start, end: window.end,
                                                                 limit: stream.limit, maximum: stream.limit))
                } catch {
                    return .failure(error)
                }
            }
            pending.append(window, task)
        }
    }
}

/// The pages an iterator requested ahead, oldest first; cancels whatever is left when the
/// iterator goes away. Only its iterator touches it, from one task at a time.
final class PendingPages<Row: ParsableKlineRow> {
    private var tasks: [(PageWindow, Task<Result<KlinePage<Row>, BybitError>, Never>)] = []
    private var head = 0

    var count: Int { tasks.count - head }

    func append(_ window: PageWindow, _ task: Task<Result<KlinePage<Row>, BybitError>, Never>) {
        tasks.append((window, task))
    }

    func popFirst() -> (PageWindow, Task<Result<KlinePage<Row>, BybitError>, Never>)? {
        guard head < tasks.count else { return nil }
        let first = tasks[head]
        head += 1
        if head > 32, head * 2 > tasks.count {
            tasks.removeFirst(head)
            head = 0
        }
        return first
    }

    deinit {
        for (_, task) in tasks[head...] { task.cancel() }
    }
}

extension BybitClient {
    /// Trade-price candles with start times in `from...to`, as a stream of pages fetched
    /// with bounded look-ahead: the constant-memory form of
    /// ``candles(category:symbol:interval:from:to:)``.
    ///
    /// ```swift
    /// for await page in try bybit.candlePages(symbol: "BTCUSDT", interval: .oneMinute, from: start, to: end) {
    ///     switch page.result {
    ///     case .success(let rows): write(rows)
    ///     case .failure(let error): missing.append((page.from, page.to, error))
    ///     }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - lookAhead: pages requested ahead of the one being consumed (default
    ///     ``Configuration/maxConcurrentRequests``); memory is about `lookAhead` × 1,000 rows.
    /// - Throws: ``BybitError/Code/invalidArgument`` for an invalid category, symbol or
    ///   range (checked before anything is sent). Pages that fail are elements of the stream.
    public func candlePages(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64, lookAhead: Int? = nil
    ) throws(BybitError) -> CandlePageStream {
        try validate(.kline) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.spot, .linear, .inverse], endpoint: BybitEndpoint.kline.path, symbol: symbol)
            try RequestValidation.symbol(symbol)
            try RequestValidation.times(start: from, end: to, symbol: symbol, names: ("from", "to"))
        }
        return CandlePageStream(client: self, endpoint: .kline, category: category, symbol: symbol, interval: interval,
                                windows: RangePlanner.windows(from: from, to: to, interval: interval, limit: 1000),
                                from: from, to: to, limit: 1000, lookAhead: max(1, lookAhead ?? configuration.maxConcurrentRequests))
    }
}

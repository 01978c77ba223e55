import Synchronization

/// A deterministic, fault-injectable model of Bybit V5's public market endpoints.
///
/// The simulator is transport-free: hand it a ``SimulatorRequest`` and it returns a
/// ``SimulatorResponse`` — status, headers, body, and ``TransportDirectives`` an HTTP
/// adapter carries out (delays, slow bodies, resets, truncation). It serves
/// `/v5/market/kline`, `mark-price-kline`, `index-price-kline`,
/// `premium-index-price-kline`, `time`, `instruments-info`, `tickers`, `orderbook`,
/// `recent-trade`, `funding/history`, `open-interest` and `account-ratio`, all derived from
/// the same candles (a ticker's last price is the open candle's close, the book's mid is
/// that price, funding is the premium index at each 8-hour settlement).
///
/// ```swift
/// let clock = ManualSimulatorClock(.milliseconds(1_670_610_000_000))
/// let simulator = try BybitSimulator(clock: clock)
/// let response = simulator.respond(to: SimulatorRequest(
///     target: "/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=1670601600000&end=1670608800000"))
/// // response.status == 200, three candles, newest first
/// ```
///
/// Responses depend only on the configuration, the clock and the order of requests, so a
/// test with a ``ManualSimulatorClock`` gets the same bytes every run.
///
/// Thread-safety: all methods may be called concurrently. Per-request bookkeeping (IP
/// window, fault triggers, statistics) takes one short `Mutex` section; building the body
/// runs outside it.
public final class BybitSimulator: Sendable {
    private let clock: any SimulatorClock
    private let market: MarketData
    private let state: Mutex<SimulatorState>

    /// Creates a simulator.
    ///
    /// - Throws: ``SimulatorConfigurationError`` when the behaviour is invalid.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration(), clock: any SimulatorClock = SystemSimulatorClock()) throws(SimulatorConfigurationError) {
        try configuration.behavior.validate()
        self.clock = clock
        market = MarketData(universe: configuration.universe, limitPolicy: configuration.limitPolicy)
        state = Mutex(SimulatorState(behavior: configuration.behavior))
    }

    /// The listed instruments.
    public var universe: InstrumentUniverse { market.universe }

    /// The out-of-range `limit` policy.
    public var limitPolicy: LimitPolicy { market.limitPolicy }

    /// The simulator's clock reading.
    public func now() -> SimulatorTime { clock.now() }

    /// The current behaviour (rate limit, latency, faults, headers).
    public var behavior: SimulatorBehavior { state.withLock { $0.behavior } }

    /// Changes the behaviour atomically while serving, e.g.
    /// `try simulator.updateBehavior { $0.faults = [FaultRule(.rateLimited, trigger: .nextRequests(3))] }`.
    ///
    /// Trigger counting restarts; windows and bans are kept unless the IP limit changes.
    /// - Throws: ``SimulatorConfigurationError`` (from `update` or validation); the
    ///   behaviour is then unchanged.
    public func updateBehavior(_ update: (inout SimulatorBehavior) throws(SimulatorConfigurationError) -> Void) throws(SimulatorConfigurationError) {
        try state.withLock { (state: inout SimulatorState) throws(SimulatorConfigurationError) -> Void in
            var behavior = state.behavior
            try update(&behavior)
            try behavior.validate()
            state.replaceBehavior(behavior)
        }
    }

    /// A snapshot of the counters.
    public func statistics() -> SimulatorStatistics { state.withLock { $0.statistics } }

    /// Zeroes the counters (windows and bans are unaffected).
    public func resetStatistics() { state.withLock { $0.statistics = SimulatorStatistics() } }

    /// Ends every IP ban now and empties every window.
    public func liftBans() { state.withLock { $0.liftBans() } }

    /// Answers one request.
    ///
    /// Never fails: bad input becomes the error Bybit would send (HTTP 200 with `retCode`
    /// 10001, 404 with 10017 for an unknown route), and faults become error statuses or
    /// transport directives.
    public func respond(to request: SimulatorRequest) -> SimulatorResponse {
        let now = request.receivedAt ?? clock.now()
        let knownPath = Route(rawValue: request.path)
        let route = request.method == "GET" ? knownPath : nil
        let admission = state.withLock {
            $0.admit(clientIP: request.clientIP, path: request.path, routed: knownPath != nil && route != nil, now: now, apiKey: request.apiKey)
        }
        if admission.banned { return Self.banResponse(latency: admission.latency) }

        let time = now.millisecondsSinceEpoch
        var reply: EndpointReply
        switch admission.replacement {
        case .rateLimited?: reply = .error(.rateLimited, time: time)
        case .requestTimeout?: reply = .error(.requestTimeout, time: time)
        case .serverTimeout?: reply = .error(.serverTimeout, time: time)
        case .httpStatus(let status)?:
            reply = EndpointReply(status: status, retCode: nil, body: Array("\(status) \(SimulatorResponse.reasonPhrase(for: status))\n".utf8))
        case .htmlPage(let status)?:
            reply = EndpointReply(status: status, retCode: nil, body: Self.htmlPage(status: status))
        default: reply = endpointReply(route: route, request: request, now: now)
        }

        let isJSON = reply.retCode != nil
        let isHTML = if case .htmlPage? = admission.replacement { true } else { false }
        var headers = [isJSON ? SimulatorResponse.jsonContentType : isHTML ? SimulatorResponse.htmlContentType : SimulatorResponse.textContentType]
        if isJSON {
            // Bybit's public answers carry a trace id and the server time in ms (recorded).
            headers.append(SimulatorResponse.Header("Traceid", Self.traceID(sequence: admission.sequence, time: time)))
            headers.append(SimulatorResponse.Header("Timenow", String(time)))
        }
        if isJSON, let bapi = admission.bapi, admission.replacement != .rateLimited || bapi.includeOnRateLimited {
            let reset = admission.replacement == .rateLimited ? (floorDivide(time, 1000) + 1) * 1000 : time
            headers.append(SimulatorResponse.Header("X-Bapi-Limit", String(bapi.limit)))
            headers.append(SimulatorResponse.Header("X-Bapi-Limit-Status", String(bapi.remaining)))
            headers.append(SimulatorResponse.Header("X-Bapi-Limit-Reset-Timestamp", String(reset)))
        }
        var response = SimulatorResponse(status: reply.status, headers: headers, body: reply.body)
        response.transport.delayBeforeHeaders = admission.latency
        if let replacement = admission.replacement { response.injectedFaults.append(replacement.kind) }
        for modifier in admission.modifiers {
            Self.apply(modifier, to: &response)
            response.injectedFaults.append(modifier.kind)
        }
        return response
    }

    private func endpointReply(route: Route?, request: SimulatorRequest, now: SimulatorTime) -> EndpointReply {
        guard let route else { return .error(.routeNotFound, time: now.millisecondsSinceEpoch, status: 404) }
        let query = QueryParameters(request.query)
        switch route {
        case .serverTime:
            return ServerTimeEndpoint.respond(now: now)
        case .instrumentsInfo:
            return InstrumentsInfoEndpoint(market: market).respond(query: query, now: now)
        case .kline, .markPriceKline, .indexPriceKline, .premiumIndexPriceKline:
            return KlineEndpoint(market: market).respond(route: route, kind: route.priceKind!, query: query, now: now)
        case .tickers:
            return TickersEndpoint(market: market).respond(query: query, now: now)
        case .orderBook:
            return OrderBookEndpoint(market: market).respond(query: query, now: now)
        case .recentTrade:
            return RecentTradeEndpoint(market: market).respond(query: query, now: now)
        case .fundingHistory:
            return FundingHistoryEndpoint(market: market).respond(query: query, now: now)
        case .openInterest, .accountRatio:
            return StatisticsEndpoint(market: market).respond(route: route, query: query, now: now)
        }
    }

    /// A 32-hex-digit trace id, deterministic per request.
    private static func traceID(sequence: Int64, time: Int64) -> String {
        let high = StableHash.mix(0x7EACE, UInt64(bitPattern: sequence))
        let low = StableHash.mix(high, UInt64(bitPattern: time))
        func hex(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return hex(high) + hex(low)
    }

    /// The IP ban: HTTP 403, a short non-JSON body (Bybit's is undocumented), connection closed.
    private static func banResponse(latency: Duration) -> SimulatorResponse {
        var response = SimulatorResponse(
            status: 403, headers: [SimulatorResponse.textContentType],
            body: Array("403 Forbidden: access too frequent\n".utf8))
        response.transport.delayBeforeHeaders = latency
        response.transport.closeConnection = true
        return response
    }

    /// The page a proxy in front of the exchange might send instead of JSON.
    private static func htmlPage(status: Int) -> [UInt8] {
        let title = "\(status) \(SimulatorResponse.reasonPhrase(for: status))"
        return Array("<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n</body>\r\n</html>\r\n".utf8)
    }

    private static func apply(_ fault: Fault, to response: inout SimulatorResponse) {
        switch fault {
        case .connectionReset(let bytes):
            response.transport.reset = bytes.map { .afterBodyBytes($0) } ?? .beforeResponse
        case .truncatedBody(let bytes):
            response.transport.truncateBodyAfter = min(bytes, response.transport.truncateBodyAfter ?? .max)
        case .malformedJSON:
            response.body.removeLast(response.body.count - response.body.count / 2)
        case .slowBody(let chunkBytes, let pause):
            response.transport.trickle = TransportDirectives.Trickle(chunkBytes: chunkBytes, pause: pause)
        case .delay(let duration):
            response.transport.delayBeforeHeaders += duration
        case .rateLimited, .requestTimeout, .serverTimeout, .httpStatus, .htmlPage:
            break  // replacing faults are applied before the body is built
        }
    }
}

extension KlinePage where Row == Kline {
    /// Decodes a complete `/v5/market/kline` response body, exactly as the client does
    /// with what it receives: rows ascending, duplicates removed, the open candle marked
    /// from the body's `time`. For recorded responses, caches and benchmarks.
    ///
    /// - Parameters:
    ///   - body: The JSON bytes.
    ///   - interval: The interval the response was requested with (it decides which
    ///     candle is still open; the body does not say).
    ///   - symbol: Used when the body's `result` has no `symbol`.
    ///   - category: Used when the body's `result` has no `category`.
    /// - Throws: ``BybitError/Code/malformedResponse`` for anything but a kline body, or
    ///   the error the body's non-zero `retCode` stands for.
    public static func decode(_ body: [UInt8], interval: KlineInterval, symbol: String = "", category: BybitCategory = .linear) throws(BybitError) -> KlinePage<Kline> {
        try decodeRows(body, interval: interval, symbol: symbol, category: category)
    }
}

extension KlinePage where Row == PriceKline {
    /// Decodes a complete mark-, index- or premium-index-price kline body (5-field rows),
    /// with the same rules and errors as the trade-price overload.
    public static func decode(_ body: [UInt8], interval: KlineInterval, symbol: String = "", category: BybitCategory = .linear) throws(BybitError) -> KlinePage<PriceKline> {
        try decodeRows(body, interval: interval, symbol: symbol, category: category)
    }
}

extension KlinePage {
    static func decodeRows<Parsed: ParsableKlineRow>(
        _ body: [UInt8], interval: KlineInterval, symbol: String, category: BybitCategory
    ) throws(BybitError) -> KlinePage<Parsed> {
        let parsed = body.withUnsafeBufferPointer { bytes in
            Result<BybitEnvelope<KlineResult<Parsed>>, ParseFailure> { () throws(ParseFailure) in try KlineParser.parse(bytes, as: Parsed.self) }
        }
        let envelope: BybitEnvelope<KlineResult<Parsed>>
        switch parsed {
        case .success(let value): envelope = value
        case .failure(let failure): throw BybitError(code: .malformedResponse, message: failure.message, symbol: symbol.isEmpty ? nil : symbol)
        }
        guard envelope.retCode == 0 else {
            throw BybitError(code: BybitError.Code(retCode: envelope.retCode), message: "the body carries retCode \(envelope.retCode) \"\(envelope.retMsg)\"",
                             retCode: envelope.retCode, retMsg: envelope.retMsg, symbol: symbol.isEmpty ? nil : symbol)
        }
        guard let page = KlinePage<Parsed>.assemble(envelope, interval: interval, symbol: symbol, category: category) else {
            throw BybitError(code: .malformedResponse, message: "the kline body has retCode 0 but no result.list", retCode: 0, retMsg: envelope.retMsg)
        }
        if let problem = KlinePage<Parsed>.problem(in: page, requestedSymbol: symbol) {
            throw BybitError(code: .malformedResponse, message: "the kline body is not sound: \(problem)", retCode: 0,
                             symbol: symbol.isEmpty ? nil : symbol)
        }
        return page
    }

    /// A page from a successful kline envelope: rows reversed to ascending, normalised, the
    /// open candle marked against the body's `time` (the local clock when absent). `nil`
    /// when the body has no `result.list`.
    static func assemble(_ envelope: consuming BybitEnvelope<KlineResult<Row>>, interval: KlineInterval, symbol: String,
                         category: BybitCategory) -> KlinePage<Row>? {
        // Move the rows out so reversing them does not copy the array.
        guard var result = envelope.result.take(), var rows = result.rows.take() else { return nil }
        let serverTime = envelope.time ?? wallClockMilliseconds()
        rows.reverse()
        rows.normalizeCandles(interval: interval, serverTime: serverTime)
        return KlinePage(symbol: result.symbol ?? symbol, category: result.category.flatMap(BybitCategory.init(rawValue:)) ?? category,
                         interval: interval, serverTime: serverTime, rows: rows)
    }
}

extension BybitError.Code {
    /// The code a non-zero `retCode` stands for.
    init(retCode: Int) {
        switch retCode {
        // 10018 ("Exceeded the IP Rate Limit.") is deprecated but still mapped by ccxt.
        case 10006, 10018: self = .rateLimited
        case 10000, 10016, 5004: self = .serverBusy
        case 10001: self = .badRequest
        default: self = .apiError
        }
    }
}

/// The four kline endpoints: validation, candle selection and the response body.
///
/// Validation order (Bybit does not document one): category, symbol, interval, limit,
/// start, end. Missing `category` means `linear` on every kline endpoint.
struct KlineEndpoint {
    let market: MarketData

    func respond(route: Route, kind: PriceKind, query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        let request: KlineRequest
        do {
            request = try parse(route: route, query: query)
        } catch {
            return .error(error, time: time)
        }
        let model = request.model
        let firstCandle = request.selection.interval.candleStart(containing: model.visibleFrom)
        let visibleUntil = model.visibleUntil(now: time)
        let lastCandle = request.selection.interval.candleStart(containing: visibleUntil - 1)
        let starts = visibleUntil > model.visibleFrom
            ? request.selection.candleStarts(first: firstCandle, last: lastCandle) : []

        var tree = CandleTree(model: model, kind: kind)
        let rowBytes = kind.hasVolume ? 110 : 80
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 160 + starts.count * rowBytes) { writer in
            writer.field("symbol", model.instrument.symbol)
            writer.field("category", request.category.rawValue)
            writer.key("list")
            writer.beginArray()
            for start in starts {
                let end = request.selection.interval.candleStart(after: start)
                guard let candle = tree.candle(
                    start: start, from: max(start, model.visibleFrom), to: min(end, visibleUntil)) else { continue }
                write(candle, kind: kind, model: model, to: &writer)
            }
            writer.endArray()
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }

    private func write(_ candle: KlineCandle, kind: PriceKind, model: InstrumentModel, to writer: inout JSONWriter) {
        writer.beginArray()
        writer.quotedInteger(candle.start)
        let unit = kind == .premiumIndex ? 1 : Int128(model.tickUnits)
        let scale = kind == .premiumIndex ? InstrumentModel.premiumIndexScale : model.priceScale
        // Last-price rows trim trailing zeros ("17071", "17055.5"); mark/index/premium rows
        // keep the full scale ("17167.00"), as in Bybit's documented examples.
        let trim = kind == .last
        writer.quotedDecimal(Int128(candle.open) * unit, scale: scale, trimmingZeros: trim)
        writer.quotedDecimal(Int128(candle.high) * unit, scale: scale, trimmingZeros: trim)
        writer.quotedDecimal(Int128(candle.low) * unit, scale: scale, trimmingZeros: trim)
        writer.quotedDecimal(Int128(candle.close) * unit, scale: scale, trimmingZeros: trim)
        if kind.hasVolume {
            writer.quotedDecimal(candle.volume * Int128(model.stepUnits), scale: model.volumeScale, trimmingZeros: true)
            writer.quotedDecimal(candle.turnover, scale: model.turnoverScale, trimmingZeros: true)
        }
        writer.endArray()
    }

    private struct KlineRequest {
        var category: MarketCategory
        var model: InstrumentModel
        var selection: KlineSelection
    }

    private func parse(route: Route, query: QueryParameters) throws(ExchangeError) -> KlineRequest {
        let category: MarketCategory
        if let text = query["category"] {
            guard let parsed = MarketCategory(rawValue: text), route.klineCategories.contains(parsed) else {
                throw .parameterError
            }
            category = parsed
        } else {
            category = .linear
        }
        guard let symbol = query["symbol"], let model = market.model(category: category, symbol: symbol) else {
            throw .notSupportedSymbols
        }
        guard let intervalText = query["interval"] else {
            throw route == .kline ? .invalidPeriod : .intervalTimeInvalid
        }
        guard let interval = CandleInterval(rawValue: intervalText) else { throw .invalidPeriod }
        let maximum = category == .option ? 500 : 1000
        guard let limit = market.limit(query["limit"], default: 200, maximum: maximum) else {
            throw .parameterError
        }
        return KlineRequest(
            category: category, model: model,
            selection: KlineSelection(interval: interval, start: try timestamp(query["start"]), end: try timestamp(query["end"]), limit: limit))
    }

    /// A `start`/`end` value: an integer of milliseconds, clamped to 1970…2286 so calendar
    /// arithmetic cannot overflow (nothing outside that span has candles anyway).
    private func timestamp(_ text: String?) throws(ExchangeError) -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text) else { throw .parameterError }
        return min(max(value, 0), 9_999_999_999_999)
    }
}

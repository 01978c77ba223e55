/// `GET /v5/market/funding/history`: one settlement every 8 hours at 00:00, 08:00 and
/// 16:00 UTC from the first after listing, each the premium index's close over the eight
/// hours before it (so funding agrees with the premium-index klines).
///
/// - `category` (`linear` or `inverse`) and `symbol` are required. Dated futures have no
///   funding and answer an empty list.
/// - `limit` 1–200, default 200; a larger value is clamped to 200, as recorded on Bybit
///   (ccxt#27745). Zero, negative or non-numeric is 10001 `Request parameter error`.
/// - Both times: the newest `limit` settlements in the window. `endTime` alone: up to it.
///   Neither: the latest. `startTime` alone: 10001 `Time is invalid` (the text ccxt quoted
///   in 2023; the exact v5 code and text are **unverified**).
struct FundingHistoryEndpoint {
    let market: MarketData

    func respond(query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        let model: InstrumentModel
        let category: MarketCategory
        let limit: Int
        let start: Int64?, end: Int64?
        do throws(ExchangeError) {
            category = try MarketRequest.category(query, allowed: [.linear, .inverse])
            model = try MarketRequest.model(query, category: category, market: market)
            if let text = query["limit"] {
                guard let value = Int(text), value >= 1 else { throw .parameterError }
                limit = min(value, 200)
            } else {
                limit = 200
            }
            start = try MarketRequest.time(query, "startTime")
            end = try MarketRequest.time(query, "endTime")
            if start != nil, end == nil { throw .timeIsInvalid }
            if let start, let end, start > end { throw .timeIsInvalid }
        } catch {
            return .error(error, time: time)
        }
        let step = MarketSnapshot.fundingInterval
        let window = StatisticsWindow(
            step: step, first: (floorDivide(model.visibleFrom, step) + 1) * step,
            latest: floorDivide(min(time, model.visibleUntilLimit - 1), step) * step)
        let settlements = model.instrument.deliveryTime == nil ? window.rows(start: start, end: end, before: nil, limit: limit).rows : []
        var tree = CandleTree(model: model, kind: .premiumIndex)
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 96 + settlements.count * 90) { json in
            json.field("category", category.rawValue)
            json.key("list")
            json.beginArray()
            for settlement in settlements {
                json.beginObject()
                json.field("symbol", model.instrument.symbol)
                json.key("fundingRate")
                json.quotedDecimal(Int128(MarketSnapshot.fundingRate(model: model, settlement: settlement, tree: &tree)),
                                   scale: InstrumentModel.premiumIndexScale, trimmingZeros: true)
                json.key("fundingRateTimestamp"); json.quotedInteger(settlement)
                json.endObject()
            }
            json.endArray()
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }
}

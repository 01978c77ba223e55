/// `GET /v5/market/recent-trade`: the latest trades from ``TradeTape``, newest first.
///
/// - `category` is required; `symbol` is required except for `option` (which answers an
///   empty list: no options are simulated).
/// - `limit`: spot 1–60, default 60; others 1–1000, default 500 (out of range follows
///   ``LimitPolicy``; Bybit's behaviour is **unverified**).
/// - No time parameters and no cursor, as on Bybit.
struct RecentTradeEndpoint {
    let market: MarketData

    func respond(query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        let category: MarketCategory
        var model: InstrumentModel?
        let limit: Int
        do throws(ExchangeError) {
            category = try MarketRequest.category(query, allowed: [.spot, .linear, .inverse, .option])
            let spot = category == .spot
            guard let parsed = market.limit(query["limit"], default: spot ? 60 : 500, maximum: spot ? 60 : 1000) else {
                throw .parameterError
            }
            limit = parsed
            if category != .option || query["symbol"] != nil {
                model = try MarketRequest.model(query, category: category, market: market)
            }
        } catch {
            return .error(error, time: time)
        }
        let tape = model.map { TradeTape(model: $0) }
        let trades = tape?.latest(count: limit, now: time) ?? []
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 96 + trades.count * 200) { json in
            json.field("category", category.rawValue)
            json.key("list")
            json.beginArray()
            if let tape, let model {
                let snapshotScale = model.priceScale
                for trade in trades {
                    json.beginObject()
                    json.field("execId", tape.executionID(trade))
                    json.field("symbol", model.instrument.symbol)
                    json.key("price")
                    json.quotedDecimal(Int128(trade.price) * Int128(model.tickUnits), scale: snapshotScale, trimmingZeros: false)
                    json.key("size")
                    json.quotedDecimal(trade.size * Int128(model.stepUnits), scale: model.volumeScale, trimmingZeros: true)
                    json.field("side", trade.buy ? "Buy" : "Sell")
                    json.key("time"); json.quotedInteger(trade.time)
                    json.key("isBlockTrade"); json.bool(false)
                    json.key("isRPITrade"); json.bool(false)
                    json.key("seq"); json.quotedInteger(floorDivide(trade.time, 1000))
                    json.endObject()
                }
            }
            json.endArray()
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }
}

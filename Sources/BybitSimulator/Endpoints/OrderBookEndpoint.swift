/// `GET /v5/market/orderbook`: a snapshot from ``OrderBookModel``, whose mid is the last
/// price of the open candle.
///
/// - `category` (`spot`, `linear`, `inverse`, `option`) and `symbol` are required.
/// - `limit` (levels per side): spot 1–1000, default 1; linear and inverse 1–1000, default
///   25; option 1–25, default 1. Out of range follows ``LimitPolicy`` (Bybit's behaviour
///   is **unverified**).
/// - Keys in the order of a recorded linear book: `s`, `b`, `a`, then `ts`, `u`, `seq`,
///   `cts` as JSON numbers.
struct OrderBookEndpoint {
    let market: MarketData

    func respond(query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        let model: InstrumentModel
        let limit: Int
        do throws(ExchangeError) {
            let category = try MarketRequest.category(query, allowed: [.spot, .linear, .inverse, .option])
            guard let parsed = market.limit(query["limit"], default: category == .linear || category == .inverse ? 25 : 1,
                                            maximum: category == .option ? 25 : 1000) else { throw .parameterError }
            limit = parsed
            model = try MarketRequest.model(query, category: category, market: market)
        } catch {
            return .error(error, time: time)
        }
        guard let snapshot = MarketSnapshot(model: model, now: time) else {
            return .error(.notSupportedSymbols, time: time)
        }
        let book = OrderBookModel(snapshot: snapshot)
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 160 + limit * 60) { json in
            json.field("s", model.instrument.symbol)
            for bid in [true, false] {
                json.key(bid ? "b" : "a")
                json.beginArray()
                for level in 0..<book.levels(bid: bid, limit: limit) {
                    json.beginArray()
                    snapshot.price(book.price(bid: bid, level: level)!, to: &json)
                    snapshot.size(book.size(bid: bid, level: level), to: &json)
                    json.endArray()
                }
                json.endArray()
            }
            json.key("ts"); json.integer(time)
            json.key("u"); json.integer(floorDivide(time - model.visibleFrom, 100) + 1)
            json.key("seq"); json.integer(floorDivide(time, 10) % 100_000_000_000)
            json.key("cts"); json.integer(time - 120)
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }
}

/// `GET /v5/market/instruments-info`: listing rows, filters and cursor pagination.
///
/// - `category` is required (`spot`, `linear`, `inverse`, `option`); otherwise 10001
///   `Request parameter error`. `option` answers an empty list: no options are simulated.
/// - Filters: `symbol` (exact), `baseCoin` (ignored for spot), `status` (`PreLaunch`,
///   `Trading`, `Delivering`, `Closed`; default `Trading`). An unknown symbol gives an empty
///   list, not an error.
/// - Linear and inverse paginate: `limit` 1…1000 (default 500) and `nextPageCursor`, which
///   is `""` on the last page. Spot ignores `limit` and `cursor` and has no `nextPageCursor`.
/// - An unparseable `cursor` is 10001 `Request parameter error`.
struct InstrumentsInfoEndpoint {
    let market: MarketData

    func respond(query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        guard let categoryText = query["category"], let category = MarketCategory(rawValue: categoryText) else {
            return .error(.parameterError, time: time)
        }
        let validStatuses: Set<String> = ["PreLaunch", "Trading", "Delivering", "Closed"]
        let status = query["status"] ?? "Trading"
        guard validStatuses.contains(status) else { return .error(.parameterError, time: time) }
        let paginates = category == .linear || category == .inverse
        var limit = Int.max
        var cursor: InstrumentsCursor?
        if paginates {
            guard let parsed = market.limit(query["limit"], default: 500, maximum: 1000) else {
                return .error(.parameterError, time: time)
            }
            limit = parsed
            if let text = query["cursor"] {
                guard let parsed = InstrumentsCursor(parameter: text) else { return .error(.parameterError, time: time) }
                cursor = parsed
            }
        }

        let listed = market.universe.instruments(in: category)
        let symbol = query["symbol"]
        let baseCoin = category == .spot ? nil : query["baseCoin"]
        let matches = listed.enumerated().filter { _, instrument in
            (symbol == nil || instrument.symbol == symbol)
                && (baseCoin == nil || instrument.baseCoin == baseCoin)
                && instrument.status(at: time) == status
                && (cursor == nil || cursor!.last.utf8.lexicographicallyPrecedes(instrument.symbol.utf8))
        }
        let page = matches.prefix(limit)
        let nextCursor = page.count < matches.count
            ? InstrumentsCursor(first: page.first!.element.symbol, last: page.last!.element.symbol).token : ""

        let writer = InstrumentRowWriter(now: time)
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 256 + page.count * 900) { json in
            json.field("category", category.rawValue)
            json.key("list")
            json.beginArray()
            for (position, instrument) in page {
                if category == .spot {
                    writer.writeSpot(instrument, symbolId: Int64(position + 1), to: &json)
                } else {
                    writer.writeDerivative(instrument, symbolId: Int64(position + 1), to: &json)
                }
            }
            json.endArray()
            if paginates { json.field("nextPageCursor", nextCursor) }
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }
}

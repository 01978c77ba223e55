/// `GET /v5/market/tickers`: one row per symbol, built from ``MarketSnapshot`` and
/// ``OrderBookModel`` so `lastPrice` is the open candle's close and `bid1Price`/`ask1Price`
/// are the book's best levels.
///
/// - `category` is required (`spot`, `linear`, `inverse`, `option`); options need `symbol`
///   or `baseCoin` and answer an empty list (no options are simulated).
/// - Without `symbol`, every `Trading` instrument of the category, in symbol order.
/// - Keys are in the order of Bybit's documented examples (the spot and the inverse tabs);
///   linear rows use the inverse layout, which Bybit shows as "Linear/Inverse".
struct TickersEndpoint {
    let market: MarketData

    func respond(query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        let category: MarketCategory
        let models: [InstrumentModel]
        do throws(ExchangeError) {
            category = try MarketRequest.category(query, allowed: [.spot, .linear, .inverse, .option])
            if category == .option {
                guard query["symbol"] != nil || query["baseCoin"] != nil else { throw .parameterError }
                models = []
            } else if query["symbol"] != nil {
                models = [try MarketRequest.model(query, category: category, market: market)]
            } else {
                models = market.universe.instruments(in: category)
                    .filter { $0.status(at: time) == "Trading" }
                    .compactMap { market.model(category: category, symbol: $0.symbol) }
            }
        } catch {
            return .error(error, time: time)
        }
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 128 + models.count * 700) { json in
            json.field("category", category.rawValue)
            json.key("list")
            json.beginArray()
            for model in models {
                guard let snapshot = MarketSnapshot(model: model, now: time) else { continue }
                if category == .spot { writeSpot(snapshot, to: &json) } else { writeContract(snapshot, now: time, to: &json) }
            }
            json.endArray()
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }

    private func change(_ snapshot: MarketSnapshot, scale: Int, to json: inout JSONWriter) {
        let open = Int128(snapshot.day.open)
        let units = open > 0 ? (Int128(snapshot.last) - open) * InstrumentModel.power(scale) / open : 0
        json.quotedDecimal(units, scale: scale, trimmingZeros: true)
    }

    private func writeSpot(_ snapshot: MarketSnapshot, to json: inout JSONWriter) {
        let book = OrderBookModel(snapshot: snapshot)
        let model = snapshot.model
        json.beginObject()
        json.field("symbol", model.instrument.symbol)
        writeQuotes(book, to: &json)
        json.key("lastPrice"); snapshot.price(snapshot.last, to: &json)
        json.key("prevPrice24h"); snapshot.price(snapshot.day.open, to: &json)
        json.key("price24hPcnt"); change(snapshot, scale: 4, to: &json)
        json.key("highPrice24h"); snapshot.price(snapshot.day.high, to: &json)
        json.key("lowPrice24h"); snapshot.price(snapshot.day.low, to: &json)
        json.key("turnover24h"); json.quotedDecimal(snapshot.day.turnover, scale: model.turnoverScale, trimmingZeros: true)
        json.key("volume24h"); snapshot.size(snapshot.day.volume, to: &json)
        json.key("usdIndexPrice")
        if model.instrument.quoteCoin.hasPrefix("USD") { snapshot.price(snapshot.index, to: &json) } else { json.string("") }
        json.endObject()
    }

    private func writeQuotes(_ book: OrderBookModel, to json: inout JSONWriter) {
        json.key("bid1Price")
        if let bid = book.price(bid: true, level: 0) { book.snapshot.price(bid, to: &json) } else { json.string("") }
        json.key("bid1Size")
        if book.price(bid: true, level: 0) != nil { book.snapshot.size(book.size(bid: true, level: 0), to: &json) } else { json.string("") }
        json.key("ask1Price"); book.snapshot.price(book.price(bid: false, level: 0)!, to: &json)
        json.key("ask1Size"); book.snapshot.size(book.size(bid: false, level: 0), to: &json)
    }

    private func writeContract(_ snapshot: MarketSnapshot, now: Int64, to json: inout JSONWriter) {
        let model = snapshot.model
        let perpetual = model.instrument.deliveryTime == nil
        let book = OrderBookModel(snapshot: snapshot)
        let interest = StatisticsModel(model: model).openInterestSteps(at: now)
        json.beginObject()
        json.field("symbol", model.instrument.symbol)
        json.key("lastPrice"); snapshot.price(snapshot.last, to: &json)
        json.key("indexPrice"); snapshot.price(snapshot.index, to: &json)
        json.key("markPrice"); snapshot.price(snapshot.mark, to: &json)
        json.key("prevPrice24h"); snapshot.price(snapshot.day.open, to: &json)
        json.key("price24hPcnt"); change(snapshot, scale: 6, to: &json)
        json.key("highPrice24h"); snapshot.price(snapshot.day.high, to: &json)
        json.key("lowPrice24h"); snapshot.price(snapshot.day.low, to: &json)
        json.key("prevPrice1h"); snapshot.price(snapshot.hourOpen, to: &json)
        json.key("openInterest"); snapshot.size(interest, to: &json)
        json.key("openInterestValue")
        json.quotedDecimal(Int128(model.turnover(steps: Int64(clamping: interest), ticks: snapshot.mark)), scale: model.turnoverScale, trimmingZeros: true)
        json.key("turnover24h"); json.quotedDecimal(snapshot.day.turnover, scale: model.turnoverScale, trimmingZeros: true)
        json.key("volume24h"); snapshot.size(snapshot.day.volume, to: &json)
        let nextFunding = (floorDivide(now, MarketSnapshot.fundingInterval) + 1) * MarketSnapshot.fundingInterval
        json.key("fundingRate")
        if perpetual {
            var tree = CandleTree(model: model, kind: .premiumIndex)
            let rate = MarketSnapshot.fundingRate(model: model, settlement: min(nextFunding, snapshot.visibleUntil), tree: &tree)
            json.quotedDecimal(Int128(rate), scale: InstrumentModel.premiumIndexScale, trimmingZeros: true)
        } else {
            json.string("")
        }
        json.key("nextFundingTime"); json.quotedInteger(perpetual ? nextFunding : 0)
        json.field("predictedDeliveryPrice", "")
        json.field("basisRate", "")
        json.field("deliveryFeeRate", "")
        json.key("deliveryTime"); json.quotedInteger(model.instrument.deliveryTime ?? 0)
        json.key("ask1Size"); snapshot.size(book.size(bid: false, level: 0), to: &json)
        json.key("bid1Price")
        if let bid = book.price(bid: true, level: 0) { snapshot.price(bid, to: &json) } else { json.string("") }
        json.key("ask1Price"); snapshot.price(book.price(bid: false, level: 0)!, to: &json)
        json.key("bid1Size")
        if book.price(bid: true, level: 0) != nil { snapshot.size(book.size(bid: true, level: 0), to: &json) } else { json.string("") }
        json.field("basis", "")
        json.field("preOpenPrice", "")
        json.field("preQty", "")
        json.field("curPreListingPhase", "")
        json.field("fundingIntervalHour", perpetual ? "8" : "")
        json.field("basisRateYear", "")
        json.field("fundingCap", perpetual ? "0.005" : "")
        json.endObject()
    }
}

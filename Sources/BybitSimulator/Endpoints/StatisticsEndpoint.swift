/// `GET /v5/market/open-interest` and `GET /v5/market/account-ratio`: samples of
/// ``StatisticsModel`` on the bucket grid, newest first, with a cursor to older pages.
///
/// Both need `category` (`linear` or `inverse`) and `symbol`.
///
/// - Open interest: `intervalTime` (`5min 15min 30min 1h 4h 1d`) is required; missing or
///   unknown is 10001 `params error: intervalTime is invalid` (the text observed on
///   premium-index klines; **unverified** here). `limit` 1–200, default 50. `startTime`
///   alone is silently ignored, as observed on Bybit (ccxt#30014). Values carry 8 decimals
///   (`"52664.64200000"`); `singleOpenInterest` is half of it. Rows start at listing.
/// - Account ratio: `period` (same spellings) is required, else 10001 `Request parameter
///   error` (**unverified**). `limit` 1–500, default 50. `result` has no `category`.
///   Rows start at listing, and never before 2020-07-20 (Bybit's first data).
/// - Both: with `endTime` the newest rows up to it; with both times, the newest `limit`
///   rows of the window; `nextPageCursor` (see ``StatisticsCursor``) continues inside the
///   window and is `""` on its last page. A cursor that is not one of ours is 10001.
/// - The current bucket is included (its start is at or before now).
struct StatisticsEndpoint {
    let market: MarketData

    /// 2020-07-20T00:00:00Z, the first account-ratio data Bybit documents.
    static let ratioDataStart: Int64 = 1_595_203_200_000

    func respond(route: Route, query: QueryParameters, now: SimulatorTime) -> EndpointReply {
        let time = now.millisecondsSinceEpoch
        let interest = route == .openInterest
        let category: MarketCategory, model: InstrumentModel, period: StatisticsPeriod, limit: Int
        var start: Int64?, end: Int64?, cursor: StatisticsCursor?
        do throws(ExchangeError) {
            category = try MarketRequest.category(query, allowed: [.linear, .inverse])
            model = try MarketRequest.model(query, category: category, market: market)
            guard let parsed = query[interest ? "intervalTime" : "period"].flatMap(StatisticsPeriod.init(rawValue:)) else {
                throw interest ? ExchangeError.intervalTimeInvalid : ExchangeError.parameterError
            }
            period = parsed
            guard let count = market.limit(query["limit"], default: 50, maximum: interest ? 200 : 500) else { throw .parameterError }
            limit = count
            start = try MarketRequest.time(query, "startTime")
            end = try MarketRequest.time(query, "endTime")
            if interest, end == nil { start = nil }
            if let start, let end, start > end { throw .parameterError }
            if let text = query["cursor"] {
                guard let parsed = StatisticsCursor(parameter: text) else { throw .parameterError }
                cursor = parsed
            }
        } catch {
            return .error(error, time: time)
        }
        let step = period.milliseconds
        let earliest = interest ? model.visibleFrom : max(model.visibleFrom, Self.ratioDataStart)
        let window = StatisticsWindow(step: step, first: -floorDivide(-earliest, step) * step,
                                      latest: floorDivide(min(time, model.visibleUntilLimit - 1), step) * step)
        let (rows, more) = window.rows(start: start, end: end, before: cursor?.lastTime, limit: limit)
        let statistics = StatisticsModel(model: model)
        let next = more ? StatisticsCursor(lastID: interest ? (rows.last! - window.first) / step + 1 : 0, lastTime: rows.last!).token : ""
        let body = ResponseEnvelope.success(retMsg: "OK", time: time, capacity: 160 + rows.count * 100) { json in
            if interest {
                json.field("symbol", model.instrument.symbol)
                json.field("category", category.rawValue)
            }
            json.key("list")
            json.beginArray()
            for row in rows {
                json.beginObject()
                if interest {
                    let steps = statistics.openInterestSteps(at: row)
                    json.key("openInterest")
                    json.quotedDecimal(steps * Int128(model.stepUnits) * InstrumentModel.power(8 - model.volumeScale), scale: 8, trimmingZeros: false)
                    json.key("singleOpenInterest")
                    json.quotedDecimal(steps / 2 * Int128(model.stepUnits), scale: model.volumeScale, trimmingZeros: true)
                } else {
                    let buy = statistics.buyRatio(at: row)
                    json.field("symbol", model.instrument.symbol)
                    json.key("buyRatio"); json.quotedDecimal(Int128(buy), scale: 4, trimmingZeros: true)
                    json.key("sellRatio"); json.quotedDecimal(Int128(10_000 - buy), scale: 4, trimmingZeros: true)
                }
                json.key("timestamp"); json.quotedInteger(row)
                json.endObject()
            }
            json.endArray()
            json.field("nextPageCursor", next)
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }
}

/// The bucket lengths of open interest (`intervalTime`) and account ratio (`period`).
enum StatisticsPeriod: String, Sendable, CaseIterable {
    case fiveMinutes = "5min", fifteenMinutes = "15min", thirtyMinutes = "30min", oneHour = "1h", fourHours = "4h", oneDay = "1d"

    var milliseconds: Int64 {
        switch self {
        case .fiveMinutes: 300_000
        case .fifteenMinutes: 900_000
        case .thirtyMinutes: 1_800_000
        case .oneHour: 3_600_000
        case .fourHours: 14_400_000
        case .oneDay: 86_400_000
        }
    }
}

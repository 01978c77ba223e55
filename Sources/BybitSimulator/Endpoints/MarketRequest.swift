/// Parameter parsing shared by the market endpoints beyond klines.
///
/// Bybit does not document per-endpoint error texts for these endpoints; the simulator uses
/// the generic ones it does document or that were observed on klines (**unverified** here):
/// 10001 `Request parameter error` for a missing or invalid parameter and 10001
/// `Not supported symbols` for an unknown symbol.
enum MarketRequest {
    /// The required `category`, one of `allowed`.
    static func category(_ query: QueryParameters, allowed: Set<MarketCategory>) throws(ExchangeError) -> MarketCategory {
        guard let text = query["category"], let category = MarketCategory(rawValue: text), allowed.contains(category) else {
            throw .parameterError
        }
        return category
    }

    /// The required `symbol`'s model in `category`.
    static func model(_ query: QueryParameters, category: MarketCategory, market: MarketData) throws(ExchangeError) -> InstrumentModel {
        guard let symbol = query["symbol"] else { throw .parameterError }
        guard let model = market.model(category: category, symbol: symbol) else { throw .notSupportedSymbols }
        return model
    }

    /// An optional millisecond time parameter, clamped to 1970…2286.
    static func time(_ query: QueryParameters, _ name: String) throws(ExchangeError) -> Int64? {
        guard let text = query[name] else { return nil }
        guard let value = Int64(text) else { throw .parameterError }
        return min(max(value, 0), 9_999_999_999_999)
    }
}

/// Bybit bodies recorded from the live API or copied from its documentation examples
/// (data only; provenance in /work/shared/reference/bybit-samples/SOURCES.md at the time
/// of writing). Embedded so the tests run anywhere.
enum RecordedSamples {
    /// `errors_recorded.jsonl`: 10001 unknown symbol, 10016, 10001 bad interval, 5004.
    static let notSupportedSymbols = #"{"retCode":10001,"retMsg":"Not supported symbols","result":{},"retExtInfo":{},"time":1726147060461}"#
    static let requestTimeout = #"{"retCode":10016,"retMsg":"Request timeout, please try again later","result":{},"retExtInfo":{},"time":1675307914985}"#
    static let invalidPeriod = #"{"retCode":10001,"retMsg":"Invalid period!","result":{},"retExtInfo":{},"time":1762877810221}"#
    static let serverTimeout = #"{"retCode":5004,"retMsg":"Server Timeout","result":null,"retExtInfo":{},"time":1667577060106}"#

    /// `kline_inverse_60_docs_example.json`, compacted.
    static let inverseKline60 = #"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSD","category":"inverse","list":[["1670608800000","17071","17073","17027","17055.5","268611","15.74462667"],["1670605200000","17071.5","17071.5","17061","17071","4177","0.24469757"],["1670601600000","17086.5","17088","16978","17071.5","6356","0.37288112"]]},"retExtInfo":{},"time":1672025956592}"#

    /// `index_price_kline_docs_example_limit2.json`, compacted.
    static let indexKlineLimit2 = #"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDZ22","category":"inverse","list":[["1670608800000","17167.00","17167.00","17161.90","17163.07"],["1670608740000","17166.54","17167.69","17165.42","17167.00"]]},"retExtInfo":{},"time":1672026471128}"#

    /// `kline_spot_15m_recorded_2023-05-01_ro-soku.json`, compacted (note the key order).
    static let spotKline15 = #"{"retCode":0,"retMsg":"OK","result":{"category":"spot","symbol":"BTCUSDT","list":[["1682922600000","28555.21","28560.56","28548.75","28548.76","13.05842","372910.44913563"],["1682921700000","28505.02","28555.21","28487.31","28555.21","31.123026","887365.25928333"]]},"retExtInfo":{},"time":1682922881591}"#

    /// `server_time_docs_example.json`, compacted.
    static let serverTime = #"{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1688639403","timeNano":"1688639403423213947"},"retExtInfo":{},"time":1688639403423}"#

    /// `instruments_info_linear_docs_example.json`, compacted.
    static let linearInstruments = #"{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","symbolId":5,"contractType":"LinearPerpetual","status":"Trading","baseCoin":"BTC","quoteCoin":"USDT","launchTime":"1585526400000","deliveryTime":"0","deliveryFeeRate":"","priceScale":"2","leverageFilter":{"minLeverage":"1","maxLeverage":"100.00","leverageStep":"0.01"},"priceFilter":{"minPrice":"0.10","maxPrice":"1999999.80","tickSize":"0.10"},"lotSizeFilter":{"maxOrderQty":"1190.000","minOrderQty":"0.001","qtyStep":"0.001","postOnlyMaxOrderQty":"1190.000","maxMktOrderQty":"500.000","minNotionalValue":"5"},"unifiedMarginTrade":true,"fundingInterval":480,"settleCoin":"USDT","copyTrading":"both","upperFundingRate":"0.00375","lowerFundingRate":"-0.00375","isPreListing":false,"preListingInfo":null,"riskParameters":{"priceLimitRatioX":"0.01","priceLimitRatioY":"0.02"},"symbolType":""}],"nextPageCursor":""},"retExtInfo":{},"time":1735809771618}"#

    /// `instruments_info_spot_docs_example.json`, compacted.
    static let spotInstruments = #"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbolId":9,"symbol":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","innovation":"0","status":"Trading","marginTrading":"utaOnly","stTag":"0","lotSizeFilter":{"basePrecision":"0.000001","quotePrecision":"0.0000001","minOrderQty":"0.000011","maxOrderQty":"83","minOrderAmt":"5","maxOrderAmt":"8000000","maxLimitOrderQty":"83","maxMarketOrderQty":"41.5","postOnlyMaxLimitOrderSize":"60000"},"priceFilter":{"tickSize":"0.1"},"riskParameters":{"priceLimitRatioX":"0.005","priceLimitRatioY":"0.01"},"symbolType":""}]},"retExtInfo":{},"time":1760027412300}"#
}

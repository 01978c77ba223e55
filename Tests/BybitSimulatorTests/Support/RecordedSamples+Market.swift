extension RecordedSamples {
    /// `tickers_spot_docs_example.json`, compacted.
    static let spotTicker = #"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbol":"BTCUSDT","bid1Price":"20517.96","bid1Size":"2","ask1Price":"20527.77","ask1Size":"1.862172","lastPrice":"20533.13","prevPrice24h":"20393.48","price24hPcnt":"0.0068","highPrice24h":"21128.12","lowPrice24h":"20318.89","turnover24h":"243765620.65899866","volume24h":"11801.27771","usdIndexPrice":"20784.12009279"}]},"retExtInfo":{},"time":1673859087947}"#

    /// `tickers_inverse_docs_example.json`, compacted.
    static let inverseTicker = #"{"retCode":0,"retMsg":"OK","result":{"category":"inverse","list":[{"symbol":"BTCUSD","lastPrice":"120635.50","indexPrice":"114890.92","markPrice":"114898.43","prevPrice24h":"105595.90","price24hPcnt":"0.142425","highPrice24h":"131309.30","lowPrice24h":"102007.60","prevPrice1h":"119806.10","openInterest":"240113967","openInterestValue":"2089.79","turnover24h":"115.6907","volume24h":"13713832.0000","fundingRate":"0.0001","nextFundingTime":"1760371200000","predictedDeliveryPrice":"","basisRate":"","deliveryFeeRate":"","deliveryTime":"0","ask1Size":"9854","bid1Price":"103401.00","ask1Price":"109152.80","bid1Size":"1063","basis":"","preOpenPrice":"","preQty":"","curPreListingPhase":"","fundingIntervalHour":"8","basisRateYear":"","fundingCap":"0.005"}]},"retExtInfo":{},"time":1760352369814}"#

    /// `orderbook_spot_docs_example.json`, compacted.
    static let spotOrderBook = #"{"retCode":0,"retMsg":"OK","result":{"s":"BTCUSDT","a":[["65557.7","16.606555"]],"b":[["65485.47","47.081829"]],"ts":1716863719031,"u":230704,"seq":1432604333,"cts":1716863718905},"retExtInfo":{},"time":1716863719382}"#

    /// `recent_trade_spot_docs_example.json`, compacted.
    static let spotRecentTrade = #"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"execId":"2100000000007764263","symbol":"BTCUSDT","price":"16618.49","size":"0.00012","side":"Buy","time":"1672052955758","isBlockTrade":false,"isRPITrade":true,"seq":"123456"}]},"retExtInfo":{},"time":1672053054358}"#

    /// `funding_history_linear_docs_example.json`, compacted.
    static let linearFunding = #"{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"ETHPERP","fundingRate":"0.0001","fundingRateTimestamp":"1672041600000"}]},"retExtInfo":{},"time":1672051897447}"#

    /// `open_interest_inverse_1d_docs_example.json`, compacted.
    static let inverseOpenInterest1d = #"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSD","category":"inverse","list":[{"openInterest":"63910691.00000000","singleOpenInterest":"31955346","timestamp":"1780963200000"},{"openInterest":"63910691.00000000","singleOpenInterest":"31955346","timestamp":"1780876800000"},{"openInterest":"63910691.00000000","singleOpenInterest":"31955346","timestamp":"1780790400000"},{"openInterest":"63942311.00000000","singleOpenInterest":"31971156","timestamp":"1780704000000"},{"openInterest":"63942311.00000000","singleOpenInterest":"31971156","timestamp":"1780617600000"}],"nextPageCursor":"lastid%3D19408935%26lasttime%3D1780617600"},"retExtInfo":{},"time":1780994051392}"#

    /// `account_ratio_linear_1h_docs_example.json`, compacted.
    static let linearAccountRatio1h = #"{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.49","sellRatio":"0.51","timestamp":"1696262400000"},{"symbol":"BTCUSDT","buyRatio":"0.4927","sellRatio":"0.5073","timestamp":"1696258800000"}],"nextPageCursor":"lastid%3D0%26lasttime%3D1696258800"},"retExtInfo":{},"time":1731567491688}"#
}

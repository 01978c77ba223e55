/// Writes one `instruments-info` row with the fields, key order and value types of Bybit's
/// documented examples. Listing values come from the instrument; order-size limits are
/// plausible values derived from its reference price (the simulator takes no orders).
struct InstrumentRowWriter {
    /// The request time (ms), for the status.
    let now: Int64

    /// A linear or inverse contract row (with `launchTime`, `deliveryTime`, filters, funding).
    func writeDerivative(_ instrument: SimulatedInstrument, symbolId: Int64, to json: inout JSONWriter) {
        let isPerpetual = instrument.deliveryTime == nil
        let isMajor = instrument.maxLeverage >= 100
        json.beginObject()
        json.field("symbol", instrument.symbol)
        json.key("symbolId"); json.integer(symbolId)
        json.field("contractType", instrument.contractType)
        json.field("status", instrument.status(at: now))
        json.field("baseCoin", instrument.baseCoin)
        json.field("quoteCoin", instrument.quoteCoin)
        json.key("launchTime"); json.quotedInteger(instrument.launchTime)
        json.key("deliveryTime"); json.quotedInteger(instrument.deliveryTime ?? 0)
        json.field("deliveryFeeRate", isPerpetual ? "" : "0.0005")
        json.field("priceScale", String(instrument.tickSize.scale))
        json.key("leverageFilter")
        json.beginObject()
        json.field("minLeverage", "1")
        json.field("maxLeverage", "\(instrument.maxLeverage).00")
        json.field("leverageStep", "0.01")
        json.endObject()
        json.key("priceFilter")
        json.beginObject()
        json.field("minPrice", instrument.tickSize.description)
        json.field("maxPrice", multiple(of: instrument.tickSize, near: instrument.referencePrice.doubleValue * 20, trimming: false))
        json.field("tickSize", instrument.tickSize.description)
        json.endObject()
        let maxQuantity = instrument.category == .inverse ? 1_000_000 : 100_000_000 / instrument.referencePrice.doubleValue
        let maxOrder = multiple(of: instrument.quantityStep, near: maxQuantity, trimming: false)
        json.key("lotSizeFilter")
        json.beginObject()
        json.field("maxOrderQty", maxOrder)
        json.field("minOrderQty", instrument.quantityStep.description)
        json.field("qtyStep", instrument.quantityStep.description)
        json.field("postOnlyMaxOrderQty", maxOrder)
        json.field("maxMktOrderQty", multiple(of: instrument.quantityStep, near: maxQuantity * 0.42, trimming: false))
        json.field("minNotionalValue", instrument.category == .inverse ? "1" : "5")
        json.endObject()
        json.key("unifiedMarginTrade"); json.bool(true)
        json.key("fundingInterval"); json.integer(isPerpetual ? 480 : 0)
        json.field("settleCoin", instrument.settleCoin)
        json.field("copyTrading", instrument.category == .linear && instrument.quoteCoin == "USDT" ? "both" : "none")
        json.field("upperFundingRate", isMajor ? "0.00375" : "0.02")
        json.field("lowerFundingRate", isMajor ? "-0.00375" : "-0.02")
        json.key("isPreListing"); json.bool(false)
        json.key("preListingInfo"); json.null()
        writeRiskParameters(x: isMajor ? "0.01" : "0.05", y: isMajor ? "0.02" : "0.1", to: &json)
        json.field("symbolType", "")
        json.endObject()
    }

    /// A spot row (no `launchTime`, `basePrecision` instead of `qtyStep`).
    func writeSpot(_ instrument: SimulatedInstrument, symbolId: Int64, to json: inout JSONWriter) {
        let price = instrument.referencePrice.doubleValue
        let stableQuote = ["USDT", "USDC", "USD"].contains(instrument.quoteCoin)
        let maxAmount = stableQuote ? 8_000_000.0 : 200.0
        let maxQuantity = multiple(of: instrument.quantityStep, near: maxAmount / price, trimming: true)
        json.beginObject()
        json.key("symbolId"); json.integer(symbolId)
        json.field("symbol", instrument.symbol)
        json.field("baseCoin", instrument.baseCoin)
        json.field("quoteCoin", instrument.quoteCoin)
        json.field("innovation", "0")
        json.field("status", instrument.status(at: now))
        json.field("marginTrading", "utaOnly")
        json.field("stTag", "0")
        json.key("lotSizeFilter")
        json.beginObject()
        json.field("basePrecision", instrument.quantityStep.description)
        var quotePrecision: [UInt8] = []
        DecimalText.append(1, scale: min(instrument.tickSize.scale + 6, 18), trimmingZeros: false, to: &quotePrecision)
        json.field("quotePrecision", String(decoding: quotePrecision, as: UTF8.self))
        json.field("minOrderQty", multiple(of: instrument.quantityStep, near: (stableQuote ? 5 : 0.0001) / price, trimming: true, roundingUp: true))
        json.field("maxOrderQty", maxQuantity)
        json.field("minOrderAmt", stableQuote ? "5" : "0.0001")
        json.field("maxOrderAmt", stableQuote ? "8000000" : "200")
        json.field("maxLimitOrderQty", maxQuantity)
        json.field("maxMarketOrderQty", multiple(of: instrument.quantityStep, near: maxAmount / price / 2, trimming: true))
        json.field("postOnlyMaxLimitOrderSize", "60000")
        json.endObject()
        json.key("priceFilter")
        json.beginObject()
        json.field("tickSize", instrument.tickSize.description)
        json.endObject()
        writeRiskParameters(x: "0.005", y: "0.01", to: &json)
        json.field("symbolType", "")
        json.endObject()
    }

    private func writeRiskParameters(x: String, y: String, to json: inout JSONWriter) {
        json.key("riskParameters")
        json.beginObject()
        json.field("priceLimitRatioX", x)
        json.field("priceLimitRatioY", y)
        json.endObject()
    }

    /// The multiple of `step` nearest below (or above) `value`, at least one step, as exact text.
    private func multiple(of step: DecimalAmount, near value: Double, trimming: Bool, roundingUp: Bool = false) -> String {
        let steps = value / step.doubleValue
        let whole = max(1, Int64(min(roundingUp ? steps.rounded(.up) : steps.rounded(.down), 1e15)))
        var bytes: [UInt8] = []
        DecimalText.append(Int128(whole) * Int128(step.units), scale: step.scale, trimmingZeros: trimming, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

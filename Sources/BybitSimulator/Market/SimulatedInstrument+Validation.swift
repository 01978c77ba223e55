extension SimulatedInstrument {
    /// Checks every field; the universe calls this for each instrument it accepts.
    func validate() throws(SimulatorConfigurationError) {
        func fail(_ message: String) -> SimulatorConfigurationError {
            SimulatorConfigurationError(.invalidInstrument, subject: "instrument \(key)", message)
        }
        func isCode(_ text: String) -> Bool {
            !text.isEmpty && text.utf8.count <= 32 && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            }
        }
        guard isCode(symbol) else { throw fail("symbol must be 1–32 upper-case letters or digits, like BTCUSDT") }
        guard isCode(baseCoin), isCode(quoteCoin) else { throw fail("baseCoin and quoteCoin must be upper-case codes, like BTC and USDT") }
        guard category != .option else { throw fail("option instruments are not simulated; use spot, linear or inverse") }
        guard tickSize.units > 0 else { throw fail("tickSize must be positive; use a value such as \"0.10\"") }
        guard quantityStep.units > 0 else { throw fail("quantityStep must be positive; use a value such as \"0.001\"") }
        guard referencePrice.units > 0 else { throw fail("referencePrice must be positive") }
        var anchorDays: Set<Int64> = [floorDivide(referenceTime, CandleInterval.millisecondsPerDay)]
        for anchor in priceHistory {
            guard anchor.price.units > 0 else { throw fail("every priceHistory price must be positive") }
            guard anchor.price.doubleValue / tickSize.doubleValue >= 100 else {
                throw fail("the priceHistory price \(anchor.price) is under 100 ticks of tickSize \(tickSize); use a finer tickSize")
            }
            guard anchorDays.insert(anchor.day).inserted else {
                throw fail("priceHistory pins UTC day \(anchor.day) twice (or on the reference's day); keep one price per day")
            }
        }
        guard dailyVolume.units > 0 else { throw fail("dailyVolume must be positive") }
        let ticks = referencePrice.doubleValue / tickSize.doubleValue
        guard ticks >= 100, ticks <= 1e12 else {
            throw fail("referencePrice must be between 100 and 10^12 ticks of tickSize (it is \(ticks)); adjust tickSize")
        }
        guard dailyVolume.doubleValue / quantityStep.doubleValue <= 1e15 else {
            throw fail("dailyVolume must be at most 10^15 quantity steps; use a coarser quantityStep")
        }
        guard dailyVolatility > 0, dailyVolatility <= 0.5 else { throw fail("dailyVolatility must be in (0, 0.5], e.g. 0.03") }
        guard quietRate >= 0, quietRate <= 0.95 else { throw fail("quietRate must be in [0, 0.95]") }
        guard !priceSeed.isEmpty else { throw fail("priceSeed must not be empty") }
        guard maxLeverage >= 1 else { throw fail("maxLeverage must be at least 1") }
        guard launchTime >= 0 else { throw fail("launchTime must not be before 1970") }
        if let deliveryTime {
            guard category != .spot else { throw fail("spot instruments have no deliveryTime") }
            guard deliveryTime > launchTime else { throw fail("deliveryTime must be after launchTime") }
        }
    }
}

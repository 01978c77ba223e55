extension InstrumentUniverse {
    /// The default universe: ``standard`` plus 600 generated USDT perpetuals, so that
    /// `instruments-info?category=linear` has more than 500 symbols and paginates at
    /// Bybit's default `limit`, as the real exchange does.
    ///
    /// The generated symbols (pronounceable codes such as `KAVOLUSDT`) are mostly listed
    /// between 2020 and mid-2023, some later, and one in twenty between 2027 and 2030, so
    /// some are still `PreLaunch` today; one in twelve
    /// is delisted 200–900 days after its listing (`Delivering` in its last 30 minutes,
    /// `Closed` after). Their reference prices span 0.0005 to 50 USDT with matching tick
    /// sizes, and daily turnover 1–500 million USDT. More than 500 are trading from about
    /// 2023 on. Everything is derived from a fixed
    /// seed, so the universe is the same on every run.
    public static let realistic: InstrumentUniverse = {
        do {
            return try InstrumentUniverse(standard.instruments + GeneratedListings.linear(count: 600, avoiding: Set(standard.instruments.map(\.key))))
        } catch {
            preconditionFailure("the generated instrument table is invalid: \(error)")
        }
    }()
}

/// Deterministic, plausible listings for ``InstrumentUniverse/realistic``.
private enum GeneratedListings {
    private static let onsets = ["B", "D", "F", "G", "K", "L", "M", "N", "P", "R", "S", "T", "V", "Z", "CH", "TR", "BL", "ST"]
    private static let vowels = ["A", "E", "I", "O", "U"]
    private static let codas = ["", "", "", "N", "R", "X", "L", "K"]

    static func linear(count: Int, avoiding taken: Set<String>) -> [SimulatedInstrument] {
        var symbols = Set(taken)
        var result: [SimulatedInstrument] = []
        var index: UInt64 = 0
        while result.count < count {
            index += 1
            let seed = StableHash.mix(0x11_57_1E_D5, index)
            let base = name(seed)
            let symbol = base + "USDT"
            guard symbols.insert("linear/" + symbol).inserted else { continue }
            result.append(listing(symbol: symbol, base: base, seed: seed))
        }
        return result
    }

    private static func name(_ seed: UInt64) -> String {
        let syllables = 2 + Int(seed % 2)
        var text = ""
        for position in 0..<syllables {
            let hash = StableHash.mix(seed, UInt64(position + 1))
            text += onsets[Int(hash % UInt64(onsets.count))] + vowels[Int((hash >> 8) % 5)]
            if position == syllables - 1 { text += codas[Int((hash >> 16) % UInt64(codas.count))] }
        }
        return text
    }

    private static func listing(symbol: String, base: String, seed: UInt64) -> SimulatedInstrument {
        let day: Int64 = 86_400_000
        // 85 % listed 2020-01…2023-06, 10 % 2023-06…2026-12, 5 % 2027…2030 (PreLaunch today).
        let era = StableHash.mix(seed, 9) % 100
        let (first, days): (Int64, UInt64) = era < 85 ? (1_577_836_800_000, 1_277) : era < 95 ? (1_688_169_600_000, 1_279) : (1_798_761_600_000, 1_460)
        let launch = first + Int64(StableHash.mix(seed, 10) % days) * day
        // Price 10^(−3.3…1.7): ticks of 10^(e−4) keep 4–5 significant digits.
        let exponent = -3.3 + 5 * StableHash.unit(StableHash.mix(seed, 11))
        let magnitude = Int(exponent.rounded(.down))
        let mantissa = 1 + Int(StableHash.mix(seed, 12) % 9)  // 1…9
        let priceScale = max(0, 4 - magnitude)
        let tickScale = priceScale
        let priceUnits = Int64(mantissa) * power(max(0, magnitude + priceScale)) + Int64(StableHash.mix(seed, 13) % 100)
        let stepScale = max(0, min(3, magnitude + 1))
        let notional = 1e6 * pow10(2.7 * StableHash.unit(StableHash.mix(seed, 14)))
        let price = Double(priceUnits) / Double(power(priceScale))
        let volumeSteps = max(1_000, Int64(notional / price * Double(power(stepScale))))
        let delisted = StableHash.mix(seed, 15) % 12 == 0
        return SimulatedInstrument(
            symbol: symbol, category: .linear, baseCoin: base, quoteCoin: "USDT", launchTime: launch,
            deliveryTime: delisted ? launch + Int64(200 + StableHash.mix(seed, 16) % 700) * day + 8 * 3_600_000 : nil,
            tickSize: amount(units: 1, scale: tickScale), quantityStep: amount(units: 1, scale: stepScale),
            referencePrice: amount(units: priceUnits, scale: priceScale), dailyVolume: amount(units: volumeSteps, scale: stepScale),
            dailyVolatility: 0.04 + 0.04 * StableHash.unit(StableHash.mix(seed, 17)),
            quietRate: 0.05 * StableHash.unit(StableHash.mix(seed, 18)), priceSeed: base, maxLeverage: 25)
    }

    private static func amount(units: Int64, scale: Int) -> DecimalAmount {
        do { return try DecimalAmount(units: units, scale: scale) } catch { preconditionFailure("\(error)") }
    }

    private static func power(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<max(0, exponent) { value *= 10 }
        return value
    }

    /// 10^x for x in [0, 3) without libm (the simulator avoids platform math).
    private static func pow10(_ x: Double) -> Double {
        DeterministicMath.exp(x * 2.302585092994046)
    }
}

/// An instrument's price-model constants, computed once when the simulator starts.
struct InstrumentModel: Sendable {
    let instrument: SimulatedInstrument
    /// Seeds the day-level walk; shared by instruments with the same `priceSeed`.
    let pathSeed: UInt64
    /// Seeds everything below the day level; unique per category and symbol.
    let nodeSeed: UInt64
    /// The reference price in ticks.
    let referenceTicks: Double
    /// The days the walk is pinned at (the reference and ``SimulatedInstrument/priceHistory``),
    /// ascending: the log-price offset from the reference there, and the raw walk's value.
    let anchors: [WalkAnchor]
    /// The walk's amplitude per octave (`dailyVolatility · 0.9 · √2^k`).
    let amplitudes: [Double]
    /// Expected daily volume in quantity steps.
    let dailyVolumeSteps: Double
    /// The first millisecond with candles: the launch time rounded up to a whole second.
    let visibleFrom: Int64
    /// The end (exclusive) of candles for a delivered future, rounded up to a whole second.
    let visibleUntilLimit: Int64

    /// Decimals and unit size of prices: a price string is `ticks × tickUnits` at `priceScale`.
    var priceScale: Int { instrument.tickSize.scale }
    var tickUnits: Int64 { instrument.tickSize.units }
    /// Decimals and unit size of volumes: a volume string is `steps × stepUnits` at `volumeScale`.
    var volumeScale: Int { instrument.quantityStep.scale }
    var stepUnits: Int64 { instrument.quantityStep.units }
    var turnoverScale: Int { instrument.turnoverScale }

    static let octaves = 12

    init(_ instrument: SimulatedInstrument) {
        self.instrument = instrument
        let pathSeed = StableHash.of("path:" + instrument.priceSeed)
        let amplitudes = (0..<Self.octaves).map { octave in
            instrument.dailyVolatility * 0.9 * Double(Int64(1) << octave).squareRoot()
        }
        self.pathSeed = pathSeed
        self.amplitudes = amplitudes
        nodeSeed = StableHash.of("node:" + instrument.key)
        referenceTicks = instrument.referencePrice.doubleValue / instrument.tickSize.doubleValue
        dailyVolumeSteps = instrument.dailyVolume.doubleValue / instrument.quantityStep.doubleValue
        visibleFrom = Self.roundUpToSecond(instrument.launchTime)
        visibleUntilLimit = instrument.deliveryTime.map(Self.roundUpToSecond) ?? .max
        let referencePrice = instrument.referencePrice.doubleValue
        let pinned = [PriceAnchor(time: instrument.referenceTime, price: instrument.referencePrice)] + instrument.priceHistory
        anchors = pinned.map { anchor in
            WalkAnchor(day: anchor.day, offset: DeterministicMath.log(anchor.price.doubleValue / referencePrice),
                       raw: Self.rawWalk(seed: pathSeed, amplitudes: amplitudes, day: anchor.day))
        }.sorted { $0.day < $1.day }
    }

    private static func roundUpToSecond(_ milliseconds: Int64) -> Int64 {
        -floorDivide(-milliseconds, 1000) * 1000
    }

    /// The end (exclusive, ms) of the visible leaves at `now`: the current second is
    /// included, nothing after a delivery.
    func visibleUntil(now milliseconds: Int64) -> Int64 {
        min(floorDivide(milliseconds, 1000) * 1000 + 1000, visibleUntilLimit)
    }

    /// The log-price offset from the reference price of the day-level walk at the start of
    /// `day` (days since the epoch). The raw walk is a sum of linearly interpolated hashed
    /// noise over 12 octaves (1 to 2048 days), whose amplitudes grow like √span, as a random
    /// walk's do. Between two anchors it is bent into a bridge (the raw walk minus its chord
    /// between them, plus the chord of the anchors' log prices), so it passes through both;
    /// outside them it is shifted to pass through the nearest one.
    func walkOffset(day: Int64) -> Double {
        let raw = Self.rawWalk(seed: pathSeed, amplitudes: amplitudes, day: day)
        var previous = anchors[0]
        if day <= previous.day { return previous.offset + raw - previous.raw }
        for next in anchors.dropFirst() {
            if day <= next.day {
                let fraction = Double(day - previous.day) / Double(next.day - previous.day)
                let chord = previous.offset + (next.offset - previous.offset) * fraction
                let rawChord = previous.raw + (next.raw - previous.raw) * fraction
                return chord + raw - rawChord
            }
            previous = next
        }
        return previous.offset + raw - previous.raw
    }

    /// A day the walk passes through a given price.
    struct WalkAnchor: Sendable {
        /// Days since the epoch.
        var day: Int64
        /// The natural log of the anchor's price over the reference price.
        var offset: Double
        /// The raw walk's value on that day.
        var raw: Double
    }

    private static func rawWalk(seed: UInt64, amplitudes: [Double], day: Int64) -> Double {
        var total = 0.0
        for octave in 0..<amplitudes.count {
            let span = Int64(1) << octave
            let cell = floorDivide(day, span)
            let fraction = Double(day - cell * span) / Double(span)
            let left = StableHash.signedUnit(StableHash.mix(seed, UInt64(octave), cell))
            let right = StableHash.signedUnit(StableHash.mix(seed, UInt64(octave), cell + 1))
            total += amplitudes[octave] * (left + (right - left) * fraction)
        }
        return total
    }

    /// Turnover in `10^-turnoverScale` units for `steps` quantity steps traded at `ticks`:
    /// volume × price (linear, spot) or volume ÷ price (inverse, one-USD contracts).
    /// Saturates at `Int64.max`.
    func turnover(steps: Int64, ticks: Int64) -> Int64 {
        guard steps > 0, ticks > 0 else { return 0 }
        let volume = Int128(steps) * Int128(stepUnits)
        let price = Int128(ticks) * Int128(tickUnits)
        let result: Int128
        if instrument.category == .inverse {
            let exponent = turnoverScale + priceScale - volumeScale
            result = exponent >= 0 ? volume * Self.power(exponent) / price : volume / (price * Self.power(-exponent))
        } else {
            let exponent = turnoverScale - volumeScale - priceScale
            let (product, overflow) = volume.multipliedReportingOverflow(by: price)
            if overflow { return .max }
            result = exponent >= 0 ? product * Self.power(exponent) : product / Self.power(-exponent)
        }
        return Int64(clamping: result)
    }

    static func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

/// The simulated market statistics of an instrument: open interest and the long/short
/// account ratio, each a deterministic function of time on a 5-minute grid, so a `1h`
/// sample equals the `5min` sample at the same instant.
///
/// Open interest wanders ±25 % around 60 % of a day's volume over days, with ±2 %
/// five-minute noise; the buy ratio wanders between 0.35 and 0.65.
struct StatisticsModel {
    let model: InstrumentModel
    private var seed: UInt64 { StableHash.mix(model.nodeSeed, 0x57A7) }

    /// Open interest in quantity steps at `milliseconds` (floored to 5 minutes).
    func openInterestSteps(at milliseconds: Int64) -> Int128 {
        let bucket = floorDivide(milliseconds, 300_000)
        let smooth = smoothNoise(bucket: bucket, tag: 1)
        let fine = StableHash.signedUnit(StableHash.mix(seed, 2, bucket)) * 0.02
        let value = model.dailyVolumeSteps * 0.6 * (1 + 0.25 * smooth + fine)
        return Int128(max(1, value.rounded()))
    }

    /// The buy ratio in ten-thousandths (`4927` is 0.4927) at `milliseconds`.
    func buyRatio(at milliseconds: Int64) -> Int64 {
        let bucket = floorDivide(milliseconds, 300_000)
        let noise = 0.8 * smoothNoise(bucket: bucket, tag: 3) + 0.2 * StableHash.signedUnit(StableHash.mix(seed, 4, bucket))
        return Int64((5000 + 1500 * noise).rounded())
    }

    /// Noise in [-1, 1] interpolated linearly between day-level hashed values.
    private func smoothNoise(bucket: Int64, tag: UInt64) -> Double {
        let day = floorDivide(bucket, 288)
        let fraction = Double(bucket - day * 288) / 288
        let left = StableHash.signedUnit(StableHash.mix(seed, tag, day))
        let right = StableHash.signedUnit(StableHash.mix(seed, tag, day + 1))
        return left + (right - left) * fraction
    }
}

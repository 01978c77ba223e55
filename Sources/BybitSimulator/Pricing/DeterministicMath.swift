/// `exp` built from IEEE-754 basic operations only.
///
/// Platform `libm` implementations may differ in the last bit, which could round a price
/// to a different tick on another OS. Addition, multiplication and division are correctly
/// rounded everywhere, so this function gives the same result on every platform.
enum DeterministicMath {
    /// e^x for |x| ≤ 700, accurate to a few ulps.
    static func exp(_ x: Double) -> Double {
        let ln2 = 0.6931471805599453
        let clamped = min(max(x, -700), 700)
        let n = (clamped / ln2).rounded()
        let r = clamped - n * ln2  // |r| ≤ 0.35
        // Taylor series to r^14: the truncation error is below 1e-17 for |r| ≤ 0.35.
        var term = 1.0
        var sum = 1.0
        for k in 1...14 {
            term = term * r / Double(k)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(n), significand: 1)
    }
}

/// `exp` and `log` built from IEEE-754 basic operations only.
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

    /// The natural logarithm of a positive, finite `x`, accurate to a few ulps.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of \(x)")
        // x = m · 2^e exactly, with m in [√½, √2) so that s = (m − 1)/(m + 1) is at most 0.172.
        var exponent = Double(x.exponent)
        var mantissa = x.significand  // [1, 2)
        if mantissa > 1.4142135623730951 {
            mantissa /= 2
            exponent += 1
        }
        // log m = 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …); 20 terms leave less than 1e-30.
        let s = (mantissa - 1) / (mantissa + 1)
        let square = s * s
        var power = s
        var sum = 0.0
        for k in 0..<20 {
            sum += power / Double(2 * k + 1)
            power *= square
        }
        return 2 * sum + exponent * 0.6931471805599453
    }
}

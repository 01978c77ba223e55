/// Number formatting for the text exposition formats.
///
/// Values are written as integers when they are integral and exactly representable
/// (`42`, not `42.0`), otherwise in the shortest form that round-trips (`0.1`,
/// `1e-05`), with `+Inf`, `-Inf` and `NaN` spelled as both formats require.
enum FloatFormatting {
    /// Largest magnitude written with the integer fast path: every integer up to 2^53
    /// is exact in a Double.
    private static let exactIntegerLimit = 9_007_199_254_740_992.0

    /// The canonical OpenMetrics form used for `le` label values: the shortest
    /// round-trip representation, integers with `.0`, exponent notation from 1e+06 up
    /// (`0.005`, `1.0`, `2.5e+06`, `+Inf`), as client_python's parser expects.
    static func canonical(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        let repr = value.description // Swift's description is the shortest round-trip form, like Python's repr.
        guard value > 0, let dot = repr.firstIndex(of: "."), repr.distance(from: repr.startIndex, to: dot) > 6 else {
            return repr
        }
        // Go switches to exponent notation from 1e+06, the shortest repr only from 1e+16.
        let integerDigits = repr.distance(from: repr.startIndex, to: dot)
        var digits = String(repr[repr.startIndex..<dot]) + String(repr[repr.index(after: dot)...])
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let mantissa = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : String(digits)
        let exponent = integerDigits - 1
        return "\(mantissa)e+\(exponent < 10 ? "0" : "")\(exponent)"
    }

    /// Appends `value` as a sample value.
    static func appendValue(_ value: Double, to buffer: inout ExpositionBuffer) {
        let magnitude = value.magnitude
        if magnitude < exactIntegerLimit {
            // Int64 (not UInt64) conversions are single instructions on x86-64.
            let integer = Int64(magnitude)
            if Double(integer) == magnitude {
                if value < 0 { buffer.append(UInt8(ascii: "-")) }
                buffer.appendDecimal(UInt64(integer))
                return
            }
        }
        if value.isNaN { buffer.append("NaN"); return }
        if value == .infinity { buffer.append("+Inf"); return }
        if value == -.infinity { buffer.append("-Inf"); return }
        // Descriptions of most values fit Swift's 15-byte small-string form: no allocation.
        buffer.append(value.description)
    }

    /// Appends a counter total: integer totals skip the floating-point checks entirely.
    static func appendTotal(_ total: CounterTotal, to buffer: inout ExpositionBuffer) {
        switch total {
        case .integer(let value): buffer.appendDecimal(value)
        case .floating(let value): appendValue(value, to: &buffer)
        }
    }
}

/// A counter's total as read from a live counter: exact integers (the common case) stay
/// integers all the way to the text.
enum CounterTotal {
    case integer(UInt64)
    case floating(Double)
}

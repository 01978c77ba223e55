/// Exact decimal arithmetic on response strings, for consistency checks (tests only).
struct Dec: Comparable, Hashable, CustomStringConvertible {
    /// Value × 10^18.
    var scaled: Int128

    /// Parses plain decimal text; `nil` for anything else (exponents, signs other than `-`, …).
    init?(_ text: String) {
        var negative = false
        var units: Int128 = 0
        var decimals = -1
        for (index, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "-"), index == 0 { negative = true; continue }
            if byte == UInt8(ascii: "."), (decimals < 0), (index > (negative ? 1 : 0)) { decimals = 0; continue }
            guard byte >= 48, byte <= 57 else { return nil }
            units = units * 10 + Int128(byte - 48)
            if decimals >= 0 { decimals += 1 }
        }
        guard !text.isEmpty, decimals != 0, decimals <= 18 else { return nil }
        for _ in 0..<(18 - max(decimals, 0)) { units *= 10 }
        scaled = negative ? -units : units
    }

    init(scaled: Int128) { self.scaled = scaled }

    /// The number of fractional digits written in `text`.
    static func decimals(_ text: String) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex) - 1
    }

    static func + (lhs: Dec, rhs: Dec) -> Dec { Dec(scaled: lhs.scaled + rhs.scaled) }
    static func < (lhs: Dec, rhs: Dec) -> Bool { lhs.scaled < rhs.scaled }
    var description: String { "\(scaled)e-18" }

    /// Whether the value is an exact multiple of `step`.
    func isMultiple(of step: Dec) -> Bool { scaled % step.scaled == 0 }
}

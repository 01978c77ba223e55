/// A decimal number stored exactly as the exchange wrote it: an integer significand and a
/// count of fractional digits, so `"17055.50"` is 1705550 × 10⁻².
///
/// Prices and volumes never pass through binary floating point: parsing keeps every digit,
/// ``description`` writes the same digits back (trailing zeros included), and comparison
/// is exact. Use ``doubleValue`` only for display or charting.
///
/// Equality and ordering are numeric (`1.80 == 1.8`); the textual form keeps its scale.
/// Up to 38 significant digits and 38 fractional digits are supported; anything longer is
/// rejected rather than rounded.
///
/// ```swift
/// let close = ExactDecimal("17055.50")!
/// close.description        // "17055.50"
/// close.normalized         // 17055.5
/// close > ExactDecimal("17055.499")!   // true
/// ```
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// The integer significand: the value is `significand × 10^-scale`.
    public let significand: Int128
    /// The number of fractional digits, 0...38.
    public var scale: Int { Int(storedScale) }
    private let storedScale: UInt8

    /// The largest supported ``scale``.
    public static let maxScale = 38
    /// Zero with no fractional digits.
    public static let zero = ExactDecimal(uncheckedSignificand: 0, scale: 0)

    /// Creates `significand × 10^-scale`; returns `nil` unless `scale` is in `0...38`.
    public init?(significand: Int128, scale: Int) {
        guard (0...Self.maxScale).contains(scale) else { return nil }
        self.init(uncheckedSignificand: significand, scale: scale)
    }

    init(uncheckedSignificand significand: Int128, scale: Int) {
        self.significand = significand
        storedScale = UInt8(truncatingIfNeeded: scale)
    }

    /// Parses a decimal string such as `"17055.5"`, `"-0.00012"`, `"+3"` or `"1.5e-7"`.
    /// Returns `nil` for anything else (empty, spaces, `NaN`, hex, more than 38 digits).
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ ExactDecimal(utf8: $0) }) else { return nil }
        self = value
    }

    /// Creates an exact decimal from an integer.
    public init(_ value: Int) {
        self.init(uncheckedSignificand: Int128(value), scale: 0)
    }

    /// The value written with exactly ``scale`` fractional digits (the exchange's own form
    /// when parsed from it; exponents are expanded).
    public var description: String {
        let magnitude = significand.magnitude
        var digits = Array(String(magnitude).utf8)
        if scale > 0 {
            if digits.count <= scale {
                digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale - digits.count + 1), at: 0)
            }
            digits.insert(UInt8(ascii: "."), at: digits.count - scale)
        }
        if significand < 0 { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The same value with trailing fractional zeros removed (`17055.50` → `17055.5`,
    /// `2.000` → `2`).
    public var normalized: ExactDecimal {
        var significand = self.significand
        var scale = self.scale
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        return ExactDecimal(uncheckedSignificand: significand, scale: scale)
    }

    /// The nearest `Double`, correctly rounded; for display and charts, not for storage.
    public var doubleValue: Double {
        // Both operands are exact below 2^53 and 10^22, so one IEEE division rounds correctly.
        if significand.magnitude < (1 << 53), scale <= 22 {
            return Double(Int64(significand)) / Self.exactPowersOfTen[scale]
        }
        return Double(description) ?? .nan
    }

    /// Whether the value is zero.
    public var isZero: Bool { significand == 0 }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) == 0
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let canonical = normalized
        hasher.combine(canonical.significand)
        hasher.combine(canonical.storedScale)
    }

    /// -1, 0 or 1. Aligns scales; if aligning overflows, the scaled operand's magnitude
    /// exceeds anything the other can hold, so its sign decides.
    private static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.storedScale == b.storedScale { return a.significand == b.significand ? 0 : (a.significand < b.significand ? -1 : 1) }
        let (low, high, flipped) = a.storedScale < b.storedScale ? (a, b, false) : (b, a, true)
        var scaled = low.significand
        var overflow = false
        for _ in 0..<(Int(high.storedScale) - Int(low.storedScale)) {
            (scaled, overflow) = scaled.multipliedReportingOverflow(by: 10)
            if overflow { break }
        }
        let result: Int
        if overflow {
            result = low.significand < 0 ? -1 : 1
        } else {
            result = scaled == high.significand ? 0 : (scaled < high.significand ? -1 : 1)
        }
        return flipped ? -result : result
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

extension ExactDecimal: Codable {
    /// Decodes from a JSON string such as `"17055.5"` (numbers would already have been
    /// rounded through `Double` by most decoders, so they are refused).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ExactDecimal(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a decimal number")
        }
        self = value
    }

    /// Encodes as a JSON string with the exact digits, for example `"17055.50"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

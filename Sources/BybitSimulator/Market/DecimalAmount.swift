/// An exact decimal number: `units × 10^-scale`, e.g. `0.10` is 10 units at scale 2.
///
/// The simulator computes prices and volumes as integers of these units and formats them
/// without ever going through binary floating point, so a response never contains
/// artefacts such as `0.30000000000000004`. The scale is kept as written, so `"0.10"`
/// prints back as `0.10` (Bybit's `tickSize` strings keep their trailing zeros).
public struct DecimalAmount: Sendable, Hashable, CustomStringConvertible {
    /// The value in units of `10^-scale`.
    public let units: Int64
    /// The number of decimal places, 0...18.
    public let scale: Int

    /// Creates `units × 10^-scale`; `scale` must be in 0...18.
    public init(units: Int64, scale: Int) throws(SimulatorConfigurationError) {
        guard (0...18).contains(scale) else {
            throw SimulatorConfigurationError(.invalidDecimal, subject: "decimal", "scale \(scale) is outside 0...18")
        }
        self.units = units
        self.scale = scale
    }

    /// Parses plain decimal text such as `"17071"`, `"0.10"` or `"-0.00375"`.
    ///
    /// Exponents, thousands separators, `+` signs and more than 18 digits are rejected.
    public init(_ text: String) throws(SimulatorConfigurationError) {
        var units: Int64 = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        var negative = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0:
                negative = true
            case UInt8(ascii: ".") where !seenPoint && digits > 0:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where digits < 18:
                units = units * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { scale += 1 }
            default:
                throw SimulatorConfigurationError(
                    .invalidDecimal, subject: "decimal \"\(text)\"",
                    "expected plain decimal text with at most 18 digits, such as \"0.10\" or \"17071\"")
            }
        }
        guard digits > 0, !(seenPoint && scale == 0) else {
            throw SimulatorConfigurationError(
                .invalidDecimal, subject: "decimal \"\(text)\"", "expected digits, such as \"0.10\" or \"17071\"")
        }
        self.units = negative ? -units : units
        self.scale = scale
    }

    /// A value known to be valid at compile time (the built-in instrument tables).
    init(constant text: StaticString) {
        do {
            self = try DecimalAmount(text.description)
        } catch {
            preconditionFailure("built-in decimal constant \(text) is invalid: \(error)")
        }
    }

    /// The value as `Double`, for the price model's random walk only (never for output).
    var doubleValue: Double { Double(units) / DecimalAmount.powerOfTen(scale) }

    /// The text form with exactly `scale` decimals, e.g. `0.10`.
    public var description: String {
        var bytes: [UInt8] = []
        DecimalText.append(Int128(units), scale: scale, trimmingZeros: false, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

/// Exact decimal formatting of scaled integers, straight into a byte buffer.
///
/// `append(1705550, scale: 2)` writes `17055.50` (or `17055.5` when trimming). No binary
/// floating point is involved, so output is exact and identical on every platform.
enum DecimalText {
    /// Appends `units × 10^-scale`.
    ///
    /// - Parameter trimmingZeros: drop trailing fractional zeros and a bare point
    ///   (`17071.0` → `17071`), as Bybit writes kline prices and volumes; `false` keeps
    ///   exactly `scale` decimals, as it writes mark/index prices and tick sizes.
    static func append(_ units: Int128, scale: Int, trimmingZeros: Bool, to bytes: inout [UInt8]) {
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        // 39 digits cover UInt128; the scale can add leading zeros up to 18 more.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { digits in
            // Digits least-significant first, at least scale + 1 of them.
            var count = 0
            if let small = UInt64(exactly: units.magnitude) {
                var magnitude = small
                repeat {
                    digits[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                    magnitude /= 10
                    count += 1
                } while magnitude > 0 || count <= scale
            } else {
                var magnitude = units.magnitude
                repeat {
                    digits[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                    magnitude /= 10
                    count += 1
                } while magnitude > 0 || count <= scale
            }
            var fractionStart = 0
            if trimmingZeros {
                while fractionStart < scale, digits[fractionStart] == UInt8(ascii: "0") { fractionStart += 1 }
            }
            for index in stride(from: count - 1, through: scale, by: -1) { bytes.append(digits[index]) }
            if fractionStart < scale {
                bytes.append(UInt8(ascii: "."))
                for index in stride(from: scale - 1, through: fractionStart, by: -1) { bytes.append(digits[index]) }
            }
        }
    }
}

import LookoutBybit

/// Writes integers and ``ExactDecimal`` values as ASCII digits into a byte buffer, without
/// the intermediate `String`s of `description` (the klines API writes 1,200 of them for a
/// 200-candle response). Output equals `String(value)` and ``ExactDecimal/description``.
enum DecimalDigits {
    /// The most bytes one value takes: 39 digits, a sign, a point and up to 38 leading
    /// fractional zeros (``ExactDecimal/maxScale``).
    static let maxLength = 80

    /// Appends `value` in base 10.
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let count = write(value, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: count))
        }
    }

    /// Appends `value` with exactly its scale's fractional digits, as its `description`.
    static func append(_ value: ExactDecimal, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let count = write(value, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: count))
        }
    }

    /// Writes `value` at `target` (room for ``maxLength`` bytes); returns the count.
    static func write(_ value: Int64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = (UInt64(0), UInt64(0), UInt64(0))  // 24 bytes of scratch, reversed digits
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var magnitude = value.magnitude
            var count = 0
            repeat {
                scratch[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            var written = 0
            if value < 0 {
                target[0] = UInt8(ascii: "-")
                written = 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                target[written] = scratch[index]
                written += 1
            }
            return written
        }
    }

    /// The digit values of 00 to 99, two per number (tens, then units).
    private static let pairs: [UInt8] = (0..<100).flatMap { [UInt8($0 / 10), UInt8($0 % 10)] }

    /// Writes `value` at `target` (room for ``maxLength`` bytes); returns the count.
    static func write(_ value: ExactDecimal, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let scale = value.scale
        let magnitude = value.significand.magnitude
        // Digits from the end of the field backwards, then moved to the front.
        let end = maxLength
        var position = end
        var produced = 0
        func emit(_ digit: UInt8) {
            if produced == scale, scale > 0 {
                position -= 1
                target[position] = UInt8(ascii: ".")
            }
            position -= 1
            target[position] = UInt8(ascii: "0") &+ digit
            produced += 1
        }
        let pairs = Self.pairs
        if magnitude <= UInt128(UInt64.max) {
            var rest = UInt64(magnitude)
            // Two digits per division while more than two remain.
            while rest >= 100 {
                let pair = Int(rest % 100) &* 2
                rest /= 100
                emit(pairs[pair &+ 1])
                emit(pairs[pair])
            }
            repeat {
                emit(UInt8(truncatingIfNeeded: rest % 10))
                rest /= 10
            } while rest > 0 || produced <= scale
        } else {
            var rest = magnitude
            repeat {
                emit(UInt8(truncatingIfNeeded: rest % 10))
                rest /= 10
            } while rest > 0 || produced <= scale
        }
        if value.significand < 0 {
            position -= 1
            target[position] = UInt8(ascii: "-")
        }
        let count = end - position
        target.update(from: target + position, count: count)  // overlapping regions are allowed
        return count
    }
}

extension ExactDecimal {
    /// Parses ASCII decimal text without allocating: optional sign, digits with an optional
    /// point, optional exponent. The kline parser calls this for every price and volume.
    @inline(__always)
    init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = text.count
        guard count > 0 else { return nil }
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        // Up to 19 digits accumulate in a UInt64; longer significands continue in UInt128.
        var small: UInt64 = 0
        var large: UInt128 = 0
        var significantDigits = 0
        var digitsSeen = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < count {
            let byte = text[index]
            if byte &- UInt8(ascii: "0") < 10 {
                digitsSeen += 1
                if seenPoint { fractionDigits += 1 }
                if significantDigits == 0 && byte == UInt8(ascii: "0") {
                    index += 1
                    continue // leading zeros carry no digits
                }
                significantDigits += 1
                let digit = byte &- UInt8(ascii: "0")
                if significantDigits <= 19 {
                    small = small &* 10 &+ UInt64(digit)
                } else {
                    if significantDigits == 20 { large = UInt128(small) }
                    guard significantDigits <= 38 else { return nil }
                    large = large * 10 + UInt128(digit)
                }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitsSeen > 0 else { return nil }
        var scale = fractionDigits
        if index < count {
            guard text[index] | 0x20 == UInt8(ascii: "e"), index + 1 < count else { return nil }
            index += 1
            var exponentNegative = false
            if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < count, text[index] &- UInt8(ascii: "0") < 10 {
                exponent = exponent * 10 + Int(text[index] &- UInt8(ascii: "0"))
                exponentDigits += 1
                guard exponent <= 1000 else { return nil }
                index += 1
            }
            guard exponentDigits > 0, index == count else { return nil }
            scale += exponentNegative ? exponent : -exponent
        }
        var magnitude: UInt128 = significantDigits <= 19 ? UInt128(small) : large
        var digits = significantDigits
        while scale < 0 {
            // A positive exponent beyond the fraction: shift into the significand.
            guard digits < 38 || magnitude == 0 else { return nil }
            magnitude *= 10
            digits += 1
            scale += 1
        }
        guard scale <= Self.maxScale, magnitude <= UInt128(Int128.max) else { return nil }
        let signed = Int128(magnitude)
        self.init(uncheckedSignificand: negative ? -signed : signed, scale: scale)
    }
}

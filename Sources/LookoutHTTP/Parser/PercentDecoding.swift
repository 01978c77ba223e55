/// Percent-decoding (RFC 3986 §2.1) for path segments and query items.
///
/// Decoding is strict: a `%` not followed by two hex digits, a decoded NUL byte, or bytes
/// that are not UTF-8 are errors, because silently repairing them would make the server's
/// view of a path differ from a proxy's or a handler's.
enum PercentDecoding {
    /// Decodes `bytes` (visible ASCII, as the target validator guarantees).
    ///
    /// - Parameters:
    ///   - plusAsSpace: Also turn `+` into a space (query strings, not paths).
    ///   - context: What is being decoded, for the error message ("path segment", "query").
    static func decode(
        _ bytes: UnsafeRawBufferPointer,
        plusAsSpace: Bool,
        context: StaticString
    ) throws(HTTPParseError) -> String {
        var needsDecoding = false
        for byte in bytes where byte == ASCII.percent || (plusAsSpace && byte == ASCII.plus) {
            needsDecoding = true
            break
        }
        if !needsDecoding { return ASCII.string(bytes) }

        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.percent {
                guard index + 2 < bytes.count,
                      let high = ASCII.hexValue(bytes[index + 1]),
                      let low = ASCII.hexValue(bytes[index + 2])
                else {
                    throw .malformed("\(context) has a '%' not followed by two hex digits; encode '%' as '%25'")
                }
                let value = UInt8(high << 4 | low)
                guard value != 0 else { throw .malformed("\(context) contains an encoded NUL byte (%00)") }
                decoded.append(value)
                index += 3
            } else {
                decoded.append(plusAsSpace && byte == ASCII.plus ? ASCII.space : byte)
                index += 1
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw .malformed("\(context) does not decode to valid UTF-8")
        }
        return string
    }
}

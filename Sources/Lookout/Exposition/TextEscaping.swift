/// Escaping rules of the text formats.
///
/// - Label values (both formats): backslash → `\\`, double quote → `\"`, newline → `\n`.
/// - HELP in text 0.0.4: backslash and newline only (a quote stays a quote).
/// - HELP in OpenMetrics: the label-value rules (quotes are escaped too).
enum TextEscaping {
    static let backslash = UInt8(ascii: "\\")
    static let quote = UInt8(ascii: "\"")
    static let newline = UInt8(ascii: "\n")

    /// Appends `value` escaped as a label value.
    static func appendLabelValue(_ value: String, to bytes: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case backslash: bytes.append(backslash); bytes.append(backslash)
            case quote: bytes.append(backslash); bytes.append(quote)
            case newline: bytes.append(backslash); bytes.append(UInt8(ascii: "n"))
            default: bytes.append(byte)
            }
        }
    }

    /// Appends help text escaped for `format`.
    static func appendHelp(_ help: String, format: ExpositionFormat, to buffer: inout ExpositionBuffer) {
        let escapeQuotes = format == .openMetrics
        var plain = true
        for byte in help.utf8 where byte == backslash || byte == newline || (escapeQuotes && byte == quote) {
            plain = false
            break
        }
        if plain { buffer.append(help); return }
        for byte in help.utf8 {
            switch byte {
            case backslash: buffer.append(backslash); buffer.append(backslash)
            case newline: buffer.append(backslash); buffer.append(UInt8(ascii: "n"))
            case quote where escapeQuotes: buffer.append(backslash); buffer.append(quote)
            default: buffer.append(byte)
            }
        }
    }

    /// Reverses label-value escaping (for reading labels back out of rendered bytes).
    static func unescapeLabelValue(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                out.append(byte == UInt8(ascii: "n") ? newline : byte)
                escaped = false
            } else if byte == backslash {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import LookoutHTTPTypes

/// A minimal, allocation-light JSON writer for the simulator's fixed response shapes
/// (strings through the shared `JSONString`, integers through `JSONNumber`).
///
/// Output is compact (no whitespace) with keys in the order they are written, which
/// keeps responses byte-for-byte deterministic. The caller is responsible for
/// well-formedness (matching `begin`/`end` calls); commas are inserted automatically.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a leading comma.
    private var needsComma = false

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Writes `"name":`; the next call writes the value.
    mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) { separate(); appendQuoted(value); needsComma = true }

    mutating func integer(_ value: Int64) { separate(); JSONNumber.append(value, to: &bytes); needsComma = true }

    mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8); needsComma = true }

    mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    /// Writes an integer as a JSON string, e.g. `"1670608800000"`.
    mutating func quotedInteger(_ value: Int64) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        JSONNumber.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a scaled decimal as a JSON string, e.g. `"17055.5"`.
    mutating func quotedDecimal(_ units: Int128, scale: Int, trimmingZeros: Bool) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        DecimalText.append(units, scale: scale, trimmingZeros: trimmingZeros, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// `"name":"value"`.
    mutating func field(_ name: String, _ value: String) { key(name); string(value) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ text: String) {
        JSONString.append(text, to: &bytes)
    }
}

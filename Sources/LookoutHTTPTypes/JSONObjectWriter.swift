/// A minimal JSON object writer for the HTTP modules' own bodies (problem details, health).
///
/// It writes compact JSON; strings go through ``JSONString`` and integers through
/// ``JSONNumber``. Members appear in the order written, so output is deterministic.
/// Shared by the modules of this package only.
package struct JSONObjectWriter {
    package private(set) var bytes: [UInt8] = []
    private var needsComma = false

    package init() { bytes.reserveCapacity(128) }

    package mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    package mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        // The object was a value: whatever follows in the enclosing object needs a comma.
        needsComma = true
    }

    package mutating func member(_ name: String, string value: String) {
        key(name)
        appendString(value)
    }

    package mutating func member(_ name: String, integer value: Int) {
        key(name)
        JSONNumber.append(value, to: &bytes)
    }

    package mutating func member(_ name: String, bool value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A member whose value is an object written by `body`.
    package mutating func member(_ name: String, object body: (inout JSONObjectWriter) -> Void) {
        key(name)
        beginObject()
        body(&self)
        endObject()
    }

    private mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func appendString(_ value: String) {
        JSONString.append(value, to: &bytes)
    }
}

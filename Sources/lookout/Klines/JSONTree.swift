import LookoutHTTP

/// A JSON value with members in the order built, written with two-space indentation: for
/// generated documents (OpenAPI) whose bytes must not change between runs.
indirect enum JSONTree: Sendable, Equatable {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case integer(Int)
    case bool(Bool)

    static func == (lhs: JSONTree, rhs: JSONTree) -> Bool { lhs.text == rhs.text }

    /// The document, ending with a newline.
    var text: String {
        var bytes: [UInt8] = []
        write(into: &bytes, indent: 0)
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(into bytes: inout [UInt8], indent: Int) {
        let inner = [UInt8](repeating: UInt8(ascii: " "), count: indent + 2)
        let outer = [UInt8](repeating: UInt8(ascii: " "), count: indent)
        switch self {
        case .string(let text): JSONString.append(text, to: &bytes)
        case .integer(let number): JSONNumber.append(number, to: &bytes)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .object(let members):
            guard !members.isEmpty else { return bytes.append(contentsOf: "{}".utf8) }
            bytes.append(contentsOf: "{\n".utf8)
            for (index, (name, value)) in members.enumerated() {
                bytes.append(contentsOf: inner)
                JSONString.append(name, to: &bytes)
                bytes.append(contentsOf: ": ".utf8)
                value.write(into: &bytes, indent: indent + 2)
                bytes.append(contentsOf: (index + 1 < members.count ? ",\n" : "\n").utf8)
            }
            bytes.append(contentsOf: outer)
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            guard !items.isEmpty else { return bytes.append(contentsOf: "[]".utf8) }
            bytes.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                bytes.append(contentsOf: inner)
                item.write(into: &bytes, indent: indent + 2)
                bytes.append(contentsOf: (index + 1 < items.count ? ",\n" : "\n").utf8)
            }
            bytes.append(contentsOf: outer)
            bytes.append(UInt8(ascii: "]"))
        }
    }
}

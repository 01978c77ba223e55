import LookoutCatalog
import LookoutHTTPTypes

/// Renders ``JSONValue`` trees the way Grafana's own exports and `json.dumps(indent=2,
/// sort_keys=True, ensure_ascii=False)` do: keys sorted by code point, two-space indent,
/// `"key": value`, empty containers as `[]`/`{}`, and a trailing newline.
///
/// The output depends on nothing but the tree (no Foundation encoder, no dictionary
/// order), so generated dashboards are byte-for-byte reproducible.
enum JSONWriter {
    /// The document for `value`, ending in a newline.
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, to: &out)
        out.append("\n")
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .int(let number): out.append(String(number))
        case .double(let number): out.append(format(number))
        case .string(let text): out.append(JSONString.quoted(text))
        case .array(let items):
            guard !items.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (index, item) in items.enumerated() {
                pad(indent + 1, &out)
                write(item, indent: indent + 1, to: &out)
                out.append(index == items.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("]")
        case .object(let members):
            guard !members.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (index, key) in keys.enumerated() {
                pad(indent + 1, &out)
                out.append(JSONString.quoted(key))
                out.append(": ")
                write(members[key]!, indent: indent + 1, to: &out)
                out.append(index == keys.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("}")
        }
    }

    /// Integral values as integers (`80`, not `80.0`); others in Swift's shortest
    /// round-trip form (`0.95`, `1e-09`), which is valid JSON. JSON has no NaN or
    /// infinity: those become `null` (validation keeps them out of declarations).
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return number.description
    }

    private static func pad(_ level: Int, _ out: inout String) {
        out.append(String(repeating: "  ", count: level))
    }
}

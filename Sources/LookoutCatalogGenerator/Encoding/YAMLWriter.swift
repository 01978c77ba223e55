import LookoutCatalog

/// Renders ``YAMLNode`` trees in block style, as Prometheus' and Alertmanager's own
/// examples are written: two-space indentation, sequence items under their key with
/// `- `, the first key of a mapping item on the dash line.
///
/// Strings are written plain when YAML would read them back as the same string, in
/// single quotes when they contain only printable characters, and in double quotes (with
/// escapes) otherwise, so the output round-trips through any YAML 1.1 or 1.2 parser.
enum YAMLWriter {
    /// The document for `root`, preceded by `headerComment` lines (each prefixed `# `),
    /// ending in a newline.
    static func render(_ root: YAMLNode, headerComment: [String] = []) -> String {
        var out = ""
        for line in headerComment { out.append(line.isEmpty ? "#\n" : "# \(line)\n") }
        switch root {
        case .mapping(let entries) where !entries.isEmpty:
            writeEntries(entries, indent: 0, to: &out)
        case .sequence(let items) where !items.isEmpty:
            writeItems(items, indent: 0, to: &out)
        default:
            out.append(inline(root) + "\n")
        }
        return out
    }

    private static func writeEntries(_ entries: [YAMLNode.Entry], indent: Int, firstLinePrefixed: Bool = false, to out: inout String) {
        for (index, entry) in entries.enumerated() {
            if !(firstLinePrefixed && index == 0) { out.append(String(repeating: " ", count: indent)) }
            out.append(scalar(entry.key) + ":")
            switch entry.value {
            case .mapping(let children) where !children.isEmpty:
                out.append("\n")
                writeEntries(children, indent: indent + 2, to: &out)
            case .sequence(let items) where !items.isEmpty:
                out.append("\n")
                writeItems(items, indent: indent + 2, to: &out)
            default:
                out.append(" " + inline(entry.value) + "\n")
            }
        }
    }

    private static func writeItems(_ items: [YAMLNode], indent: Int, to out: inout String) {
        for item in items {
            out.append(String(repeating: " ", count: indent) + "- ")
            switch item {
            case .mapping(let children) where !children.isEmpty:
                writeEntries(children, indent: indent + 2, firstLinePrefixed: true, to: &out)
            case .sequence(let nested) where !nested.isEmpty:
                out.append("\n")
                writeItems(nested, indent: indent + 2, to: &out)
            default:
                out.append(inline(item) + "\n")
            }
        }
    }

    private static func inline(_ node: YAMLNode) -> String {
        switch node {
        case .string(let text): return scalar(text)
        case .raw(let text): return text
        case .sequence: return "[]"
        case .mapping: return "{}"
        }
    }

    /// `text` as a YAML scalar that reads back as exactly `text`.
    static func scalar(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            var quoted = "'"
            for character in text { quoted += character == "'" ? "''" : String(character) }
            return quoted + "'"
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted.append("\\\"")
            case "\\": quoted.append("\\\\")
            case "\n": quoted.append("\\n")
            case "\t": quoted.append("\\t")
            case "\r": quoted.append("\\r")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    quoted.append("\\x" + (hex.count == 1 ? "0" : "") + hex)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// Whether `text` can be written without quotes: no indicator first, no `: ` or ` #`,
    /// no edge spaces, nothing YAML 1.1 would resolve to a bool, null or number.
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        if !text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { return false }
        let lowered = text.lowercased()
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan"]
        if reserved.contains(lowered) { return false }
        // Anything number-like (ints, floats, hex, octal, sexagesimal) stays quoted.
        let numberish = text.unicodeScalars.allSatisfy { "0123456789+-._:eExXoOabcdefABCDEF".unicodeScalars.contains($0) }
        if numberish, let head = text.unicodeScalars.first, "0123456789+-.".unicodeScalars.contains(head) { return false }
        return true
    }
}

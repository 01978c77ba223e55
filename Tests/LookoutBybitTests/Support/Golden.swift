import LookoutBybit

/// A value written as indented `name: value` lines for whole-text golden comparisons:
/// decimals with their exact digits (`description`), optionals as `nil`, dictionaries
/// sorted by key. Two values render alike only if every field and every digit agrees.
func golden(_ value: Any, indent: String = "") -> String {
    let mirror = Mirror(reflecting: value)
    if let decimal = value as? ExactDecimal { return decimal.description }
    if mirror.displayStyle == .optional {
        guard let child = mirror.children.first else { return "nil" }
        return golden(child.value, indent: indent)
    }
    if let dictionary = value as? [String: String] {
        guard !dictionary.isEmpty else { return "[:]" }
        return "\n" + dictionary.keys.sorted().map { "\(indent)  \($0): \(dictionary[$0]!.debugDescription)" }.joined(separator: "\n")
    }
    switch mirror.displayStyle {
    case .struct?:
        return "\n" + mirror.children.map { child in
            let rendered = golden(child.value, indent: indent + "  ")
            return "\(indent)  \(child.label ?? "?"):\(rendered.hasPrefix("\n") ? "" : " ")\(rendered)"
        }.joined(separator: "\n")
    case .collection?:
        guard !mirror.children.isEmpty else { return "[]" }
        return "\n" + mirror.children.enumerated().map { "\(indent)  [\($0.offset)]\(golden($0.element.value, indent: indent + "  "))" }.joined(separator: "\n")
    default:
        if let text = value as? String { return text.debugDescription }
        return String(describing: value)
    }
}

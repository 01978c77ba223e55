/// A parsed route template such as `/api/v1/klines/{symbol}`.
///
/// A template starts with `/` and is split on `/` into segments. A segment is either a
/// literal, matched exactly against the *decoded* path segment, or `{name}`, which matches
/// any one segment and captures it; names are `[A-Za-z0-9_]+` and unique per template.
/// A trailing `/` is significant: `/a/` and `/a` are different routes.
struct RouteTemplate: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The template as registered; this is the route label.
    let text: String
    let segments: [Segment]

    /// The parameter names in order.
    var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// The template's shape with parameter names erased: two templates with the same shape
    /// match exactly the same paths.
    var shape: [String?] {
        segments.map { if case .literal(let text) = $0 { text } else { nil } }
    }

    /// Parses `text`, or returns why it is not a valid template.
    static func parse(_ text: String) -> Result<RouteTemplate, HTTPServerError> {
        func invalid(_ reason: String) -> Result<RouteTemplate, HTTPServerError> {
            .failure(HTTPServerError(.invalidRoute, "route '\(text)': \(reason)"))
        }
        guard text.hasPrefix("/") else { return invalid("a template must start with '/'") }
        guard text != "/" else { return .success(RouteTemplate(text: text, segments: [])) }
        var segments: [Segment] = []
        var names: Set<String> = []
        for part in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count >= 2 {
                let name = String(part.dropFirst().dropLast())
                guard !name.isEmpty, name.utf8.allSatisfy(Self.isNameByte) else {
                    return invalid("parameter '{\(name)}' must be named with letters, digits and '_'")
                }
                guard names.insert(name).inserted else { return invalid("parameter '{\(name)}' appears twice") }
                segments.append(.parameter(name))
            } else {
                guard !part.contains("{"), !part.contains("}") else {
                    return invalid("'{' and '}' may only wrap a whole segment, as in '/items/{id}'")
                }
                guard part != ".", part != ".." else { return invalid("'.' and '..' segments can never match") }
                segments.append(.literal(String(part)))
            }
        }
        return .success(RouteTemplate(text: text, segments: segments))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
            || (0x61...0x7A).contains(byte)
    }
}

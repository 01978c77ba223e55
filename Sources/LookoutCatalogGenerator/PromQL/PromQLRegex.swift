import Foundation

/// Regular-expression checks for matchers: PromQL uses RE2 (no look-around, no
/// back-references), fully anchored.
enum PromQLRegex {
    /// Why `pattern` is not a valid RE2 expression, or `nil`.
    static func problem(in pattern: String) -> String? {
        for construct in ["(?=", "(?!", "(?<=", "(?<!"] where pattern.contains(construct) {
            return "look-around \(construct)...) is not supported by RE2"
        }
        if pattern.range(of: #"\\[1-9]"#, options: .regularExpression) != nil { return "back-references are not supported by RE2" }
        do {
            _ = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        } catch {
            return "it does not compile (check brackets, parentheses and quantifiers)"
        }
        return nil
    }

    /// Whether the matcher accepts the empty string (a selector needs one that does not).
    static func matchesEmpty(_ matcher: PromQLNode.Matcher) -> Bool {
        switch matcher.op {
        case "=": return matcher.value.isEmpty
        case "!=": return !matcher.value.isEmpty
        default:
            let matches = (try? NSRegularExpression(pattern: "^(?:" + matcher.value + ")$"))
                .map { $0.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil } ?? false
            return matcher.op == "=~" ? matches : !matches
        }
    }
}

/// One label matcher of a PromQL selector, such as `code=~"5.."`.
///
/// Build them through ``MetricDeclaration/matching(_:_:)`` so the label name is checked
/// against the metric's declared labels when the catalog is validated.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    /// The label the matcher tests.
    public let label: String
    /// How the value is compared.
    public let match: LabelMatch

    /// A matcher of `label` against `match`.
    public init(_ label: String, _ match: LabelMatch) {
        self.label = label
        self.match = match
    }

    /// The PromQL text: `label="value"` with the value escaped for a double-quoted string.
    public var description: String {
        "\(label)\(match.operator.rawValue)\"\(PromQLText.escape(match.value))\""
    }
}

/// A comparison a ``LabelMatcher`` applies: equality or an RE2 regular expression that must
/// match the whole value, as in PromQL.
public struct LabelMatch: Sendable, Hashable {
    /// The PromQL matcher operators.
    public enum Operator: String, Sendable, Hashable {
        /// `=`: the value equals.
        case equal = "="
        /// `!=`: the value differs.
        case notEqual = "!="
        /// `=~`: the value fully matches a regular expression.
        case regex = "=~"
        /// `!~`: the value does not fully match a regular expression.
        case notRegex = "!~"
    }

    /// The operator.
    public let `operator`: Operator
    /// The literal value or the regular expression.
    public let value: String

    /// The value equals `value`.
    public static func equal(_ value: String) -> LabelMatch { LabelMatch(operator: .equal, value: value) }
    /// The value differs from `value`.
    public static func notEqual(_ value: String) -> LabelMatch { LabelMatch(operator: .notEqual, value: value) }
    /// The whole value matches the RE2 expression `pattern`, for example `"5.."`.
    public static func regex(_ pattern: String) -> LabelMatch { LabelMatch(operator: .regex, value: pattern) }
    /// The whole value does not match the RE2 expression `pattern`.
    public static func notRegex(_ pattern: String) -> LabelMatch { LabelMatch(operator: .notRegex, value: pattern) }
}

/// Escaping shared by everything that writes PromQL.
package enum PromQLText {
    /// `value` escaped for a double-quoted PromQL string: backslash, quote and newline.
    package static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// `value` in the shortest form PromQL parses back to the same number (`0.999`, `14.4`,
    /// `1`), never in exponent form with a capital or a `+Inf` spelling.
    package static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}

import LookoutCatalog

/// A light structural check of PromQL, run on every expression before anything is
/// generated: not empty, brackets and quotes balanced, every called function known.
///
/// It catches typos early with the declaration's name attached; `promtool check rules`
/// (run by the test suite) remains the full parser.
enum PromQLChecker {
    /// PromQL functions (Prometheus 2.42).
    static let functions: Set<String> = [
        "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time",
        "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month",
        "day_of_week", "day_of_year", "days_in_month", "deg", "delta", "deriv", "exp", "floor", "histogram_count",
        "histogram_fraction", "histogram_quantile", "histogram_sum", "holt_winters", "hour", "idelta", "increase",
        "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "max_over_time",
        "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time", "quantile_over_time",
        "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt",
        "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year",
    ]
    /// Aggregation operators (called like functions).
    static let aggregations: Set<String> = [
        "avg", "bottomk", "count", "count_values", "group", "max", "min", "quantile", "stddev", "stdvar", "sum", "topk",
    ]
    /// Keywords that take a parenthesised label list or precede a parenthesis.
    static let keywords: Set<String> = [
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "atan2",
    ]

    /// The problems in `expression`, each a sentence saying what to fix; empty if none.
    static func problems(in expression: String) -> [String] {
        var problems: [String] = []
        if expression.allSatisfy(\.isWhitespace) { return ["the expression is empty"] }
        var stack: [(Character, Int)] = []
        var quote: Character?
        var escaped = false
        var identifier = ""
        var lastIdentifier: String?
        var insideBraces = 0
        let characters = Array(expression)
        for (offset, character) in characters.enumerated() {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" && open != "`" { escaped = true } else if character == open { quote = nil }
                continue
            }
            if character.isLetter || character == "_" || character == ":" || (character.isNumber && !identifier.isEmpty) {
                identifier.append(character)
                continue
            }
            if !identifier.isEmpty {
                lastIdentifier = identifier
                identifier = ""
            }
            switch character {
            case "\"", "'", "`":
                quote = character
            case "(", "[", "{":
                if character == "(", insideBraces == 0, let name = lastIdentifier, precedesCall(characters, before: offset) {
                    let known = functions.contains(name) || aggregations.contains(name) || keywords.contains(name)
                    if !known { problems.append("unknown function '\(name)' at offset \(offset - name.count); check the spelling (for example 'rate', 'histogram_quantile', 'sum')") }
                }
                if character == "{" { insideBraces += 1 }
                stack.append((character, offset))
            case ")", "]", "}":
                let expected: Character = character == ")" ? "(" : character == "]" ? "[" : "{"
                guard let (open, openOffset) = stack.popLast() else {
                    problems.append("unbalanced '\(character)' at offset \(offset): nothing to close")
                    return problems
                }
                if open != expected {
                    problems.append("'\(open)' at offset \(openOffset) is closed by '\(character)' at offset \(offset)")
                    return problems
                }
                if character == "}" { insideBraces -= 1 }
            default:
                break
            }
            if !character.isWhitespace { lastIdentifier = nil }
        }
        if let open = quote { return problems + ["unterminated string: a \(open) quote is never closed"] }
        for (open, offset) in stack { problems.append("unclosed '\(open)' at offset \(offset)") }
        if let last = characters.last(where: { !$0.isWhitespace }), "+-*/%^=<>!,".contains(last) {
            problems.append("the expression ends with '\(last)': an operand is missing")
        }
        return problems
    }

    /// Whether the identifier that just ended is followed only by spaces up to `offset`
    /// (so `rate (x)` counts as a call, `x > (y)` does not because `>` intervenes).
    private static func precedesCall(_ characters: [Character], before offset: Int) -> Bool {
        var index = offset - 1
        while index >= 0, characters[index].isWhitespace { index -= 1 }
        guard index >= 0 else { return false }
        let last = characters[index]
        return last.isLetter || last.isNumber || last == "_" || last == ":"
    }
}

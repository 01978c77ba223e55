/// A recursive-descent parser for the PromQL that Prometheus 2.42 accepts: literals,
/// selectors and matchers, ranges and subqueries, `offset` and `@`, binary operators with
/// their precedence (`^` right-associative, unary signs binding like `*`), `bool`,
/// `on`/`ignoring`/`group_left`/`group_right`, aggregations with `by`/`without` before or
/// after the arguments, and function calls.
///
/// Syntax only; ``PromQLTypeChecker`` checks value types. Errors point at the offending
/// token.
struct PromQLParser {
    private let tokens: [PromQLToken]
    private var index = 0

    /// Parses `text`.
    ///
    /// - Throws: ``PromQLError`` at the first syntax error.
    static func parse(_ text: String) throws(PromQLError) -> PromQLNode {
        var parser = PromQLParser(tokens: try PromQLLexer.tokens(of: text))
        if parser.current.kind == .end { throw PromQLError("no expression found in input", start: 0, end: 0) }
        let node = try parser.expression(minimum: 0)
        guard parser.current.kind == .end else { throw parser.unexpected() }
        return node
    }

    private init(tokens: [PromQLToken]) { self.tokens = tokens }

    private var current: PromQLToken { tokens[index] }
    private var following: PromQLToken { tokens[min(index + 1, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> PromQLToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func unexpected(_ context: String = "") -> PromQLError {
        PromQLError("unexpected \(current.shown)\(context)", start: current.start, end: current.end)
    }

    private mutating func expect(_ symbol: String, _ context: String) throws(PromQLError) -> PromQLToken {
        guard current.isSymbol(symbol) else { throw unexpected("\(context), expected \"\(symbol)\"") }
        return advance()
    }

    // MARK: Binary operators

    static let comparisons: Set<String> = ["==", "!=", "<=", "<", ">=", ">"]
    static let setOperators: Set<String> = ["and", "or", "unless"]

    /// The binary operator at the current token and its precedence (higher binds tighter).
    private var binaryOperator: (op: String, precedence: Int)? {
        switch current.kind {
        case .identifier(let name):
            switch name.lowercased() {
            case "or": return ("or", 1)
            case "and": return ("and", 2)
            case "unless": return ("unless", 2)
            case "atan2": return ("atan2", 5)
            default: return nil
            }
        case .symbol(let symbol):
            if Self.comparisons.contains(symbol) { return (symbol, 3) }
            switch symbol {
            case "+", "-": return (symbol, 4)
            case "*", "/", "%": return (symbol, 5)
            case "^": return (symbol, 6)
            default: return nil
            }
        default:
            return nil
        }
    }

    private mutating func expression(minimum: Int) throws(PromQLError) -> PromQLNode {
        var lhs = try unary()
        while let (op, precedence) = binaryOperator, precedence >= minimum {
            let opToken = advance()
            var returnsBool = false
            if current.isKeyword("bool") {
                guard Self.comparisons.contains(op) else {
                    throw PromQLError("bool modifier can only be used on comparison operators", start: current.start, end: current.end)
                }
                advance()
                returnsBool = true
            }
            var matchingOn: Bool?
            var matchingLabels: [String] = []
            var group: String?
            var groupLabels: [String] = []
            if current.isKeyword("on") || current.isKeyword("ignoring") {
                matchingOn = current.isKeyword("on")
                advance()
                matchingLabels = try labelList("in vector matching")
                if current.isKeyword("group_left") || current.isKeyword("group_right") {
                    let groupToken = advance()
                    group = groupToken.identifier!.lowercased()
                    if Self.setOperators.contains(op) {
                        throw PromQLError("no grouping allowed for \"\(op)\" operation", start: groupToken.start, end: groupToken.end)
                    }
                    if current.isSymbol("(") { groupLabels = try labelList("in grouping") }
                    if matchingOn == true, let both = groupLabels.first(where: matchingLabels.contains) {
                        throw PromQLError("label \"\(both)\" must not occur in ON and GROUP clause at once", start: groupToken.start, end: groupToken.end)
                    }
                }
            }
            // `^` is right-associative; the others are left-associative.
            let rhs = try expression(minimum: op == "^" ? precedence : precedence + 1)
            let binary = PromQLNode.Binary(op: op, lhs: lhs, rhs: rhs, returnsBool: returnsBool, matchingOn: matchingOn,
                                           matchingLabels: matchingLabels, group: group, groupLabels: groupLabels)
            _ = opToken
            lhs = .binary(binary, .init(start: lhs.span.start, end: rhs.span.end))
        }
        return lhs
    }

    /// A unary sign binds like `*`: looser than `^` (`-2^2` is -4), tighter than the rest.
    private mutating func unary() throws(PromQLError) -> PromQLNode {
        if current.isSymbol("-") || current.isSymbol("+") {
            let sign = advance()
            let operand = try expression(minimum: 6)
            return .unary(sign.isSymbol("-") ? "-" : "+", operand, .init(start: sign.start, end: operand.span.end))
        }
        return try postfix(try primary())
    }

    // MARK: Primaries

    static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "topk", "bottomk", "quantile",
    ]
    /// Keywords that can never be a metric name.
    private static let reserved: Set<String> = ["bool", "on", "ignoring", "group_left", "group_right", "atan2"]

    private mutating func primary() throws(PromQLError) -> PromQLNode {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .number(value, .init(start: token.start, end: token.end))
        case .string(let value):
            advance()
            return .string(value, .init(start: token.start, end: token.end))
        case .duration:
            throw PromQLError("unexpected duration; a duration only goes in [range], after offset or as a subquery step", start: token.start, end: token.end)
        case .symbol("("):
            advance()
            let inner = try expression(minimum: 0)
            let close = try expect(")", " in parenthesised expression")
            return .parenthesised(inner, .init(start: token.start, end: close.end))
        case .symbol("{"):
            return try selector(name: nil, start: token.start)
        case .identifier(let name):
            let lower = name.lowercased()
            if Self.aggregations.contains(lower), following.isSymbol("(") || following.isKeyword("by") || following.isKeyword("without") {
                return try aggregation()
            }
            if following.isSymbol("(") { return try call() }
            if Self.reserved.contains(lower) { throw unexpected() }
            advance()
            return try selector(name: name, start: token.start)
        default:
            throw unexpected()
        }
    }

    private mutating func call() throws(PromQLError) -> PromQLNode {
        let nameToken = advance()
        let name = nameToken.identifier!
        guard PromQLFunctions.signatures[name] != nil else {
            throw PromQLError("unknown function with name \"\(name)\"\(PromQLFunctions.suggestion(for: name))", start: nameToken.start, end: nameToken.end)
        }
        let (arguments, end) = try argumentList("in call to function \"\(name)\"")
        return .call(name, arguments, .init(start: nameToken.start, end: end))
    }

    private mutating func argumentList(_ context: String) throws(PromQLError) -> ([PromQLNode], Int) {
        _ = try expect("(", " \(context)")
        var arguments: [PromQLNode] = []
        if current.isSymbol(")") { return (arguments, advance().end) }
        while true {
            arguments.append(try expression(minimum: 0))
            if current.isSymbol(",") {
                advance()
                if current.isSymbol(")") { throw unexpected(" \(context): a trailing comma needs another argument") }
                continue
            }
            let close = try expect(")", " \(context)")
            return (arguments, close.end)
        }
    }

    private mutating func aggregation() throws(PromQLError) -> PromQLNode {
        let opToken = advance()
        let op = opToken.identifier!.lowercased()
        var without: Bool?
        var labels: [String] = []
        if current.isKeyword("by") || current.isKeyword("without") {
            without = advance().isKeyword("without")
            labels = try labelList("in grouping")
        }
        let (arguments, argumentsEnd) = try argumentList("in aggregation \"\(op)\"")
        var end = argumentsEnd
        if current.isKeyword("by") || current.isKeyword("without") {
            if without != nil { throw PromQLError("duplicate grouping: by/without goes either before or after the arguments", start: current.start, end: current.end) }
            without = advance().isKeyword("without")
            labels = try labelList("in grouping")
            end = tokens[index - 1].end
        }
        let takesParameter = ["topk", "bottomk", "quantile", "count_values"].contains(op)
        let expected = takesParameter ? 2 : 1
        if arguments.isEmpty {
            throw PromQLError("no arguments for aggregate expression provided", start: opToken.start, end: end)
        }
        if arguments.count != expected {
            throw PromQLError("wrong number of arguments for aggregate expression provided, expected \(expected), got \(arguments.count)", start: opToken.start, end: end)
        }
        let aggregation = PromQLNode.Aggregation(op: op, parameter: takesParameter ? arguments[0] : nil, body: arguments[expected - 1],
                                                 without: without, labels: labels)
        return .aggregation(aggregation, .init(start: opToken.start, end: end))
    }

    /// `( label, ... )` with an optional trailing comma; `()` is allowed.
    private mutating func labelList(_ context: String) throws(PromQLError) -> [String] {
        _ = try expect("(", " \(context)")
        var labels: [String] = []
        while !current.isSymbol(")") {
            labels.append(try labelName(context))
            if current.isSymbol(",") { advance() } else if !current.isSymbol(")") { throw unexpected(" \(context), expected \",\" or \")\"") }
        }
        advance()
        return labels
    }

    private mutating func labelName(_ context: String) throws(PromQLError) -> String {
        guard let name = current.identifier else { throw unexpected(" \(context), expected label") }
        if name.contains(":") { throw PromQLError("invalid label name \"\(name)\": label names cannot contain ':'", start: current.start, end: current.end) }
        advance()
        return name
    }

    // MARK: Selectors

    private mutating func selector(name: String?, start: Int) throws(PromQLError) -> PromQLNode {
        var matchers: [PromQLNode.Matcher] = []
        var end = tokens[max(index - 1, 0)].end
        if current.isSymbol("{") {
            advance()
            while !current.isSymbol("}") {
                let labelToken = current
                let label = try labelName("in label matching")
                guard case .symbol(let op) = current.kind, ["=", "!=", "=~", "!~"].contains(op) else {
                    throw unexpected(" in label matching, expected one of =, !=, =~, !~")
                }
                advance()
                guard case .string(let value) = current.kind else { throw unexpected(" in label matching, expected string") }
                let valueToken = advance()
                if op == "=~" || op == "!~" {
                    if let problem = PromQLRegex.problem(in: value) {
                        throw PromQLError("invalid regular expression in matcher \(label)\(op)\"\(value)\": \(problem)", start: valueToken.start, end: valueToken.end)
                    }
                }
                if label == "__name__", name != nil {
                    throw PromQLError("metric name must not be set twice: \"\(name!)\" and in \(label)\(op)\"\(value)\"", start: labelToken.start, end: valueToken.end)
                }
                matchers.append(.init(label: label, op: op, value: value))
                if current.isSymbol(",") { advance() } else if !current.isSymbol("}") { throw unexpected(" in label matching, expected \",\" or \"}\"") }
            }
            end = advance().end
        }
        let span = PromQLNode.Span(start: start, end: end)
        if name == nil, !matchers.contains(where: { !PromQLRegex.matchesEmpty($0) }) {
            throw PromQLError("vector selector must contain at least one non-empty matcher", start: start, end: end)
        }
        return .selector(.init(name: name, matchers: matchers), span)
    }

    // MARK: Ranges, subqueries, offset, @

    private mutating func postfix(_ base: PromQLNode) throws(PromQLError) -> PromQLNode {
        var node = base
        while true {
            if current.isSymbol("[") {
                node = try bracket(after: node)
            } else if current.isKeyword("offset") {
                let keyword = advance()
                try checkModifiable(node, keyword: keyword, modifier: "offset")
                let negative = current.isSymbol("-")
                if negative { advance() }
                let milliseconds = try duration("after offset")
                node = .modified(node, .offset(milliseconds: negative ? -milliseconds : milliseconds), .init(start: node.span.start, end: tokens[index - 1].end))
            } else if current.isSymbol("@") {
                let at = advance()
                try checkModifiable(node, keyword: at, modifier: "@")
                let time = try timestamp()
                node = .modified(node, .at(time), .init(start: node.span.start, end: tokens[index - 1].end))
            } else {
                return node
            }
        }
    }

    private mutating func bracket(after node: PromQLNode) throws(PromQLError) -> PromQLNode {
        let open = advance()
        let range = try duration("in range")
        if current.isSymbol(":") {
            advance()
            var step: Int?
            if !current.isSymbol("]") { step = try duration("as subquery step") }
            let close = try expect("]", " in subquery")
            return .subquery(node, range: range, step: step, .init(start: node.span.start, end: close.end))
        }
        let close = try expect("]", " in range selector")
        switch node {
        case .selector:
            return .range(node, milliseconds: range, .init(start: node.span.start, end: close.end))
        case .modified:
            throw PromQLError("no offset or @ modifiers allowed before range: write foo[5m] offset 1m", start: open.start, end: close.end)
        default:
            throw PromQLError("ranges only allowed for vector selectors (for a subquery write [\(PromQLDuration.text(range)):])", start: open.start, end: close.end)
        }
    }

    private func checkModifiable(_ node: PromQLNode, keyword: PromQLToken, modifier: String) throws(PromQLError) {
        var inner = node
        while case .modified(let base, let existing, _) = inner {
            switch (existing, modifier) {
            case (.offset, "offset"): throw PromQLError("offset may not be set multiple times", start: keyword.start, end: keyword.end)
            case (.at, "@"): throw PromQLError("@ <timestamp> may not be set multiple times", start: keyword.start, end: keyword.end)
            default: inner = base
            }
        }
        switch inner {
        case .selector, .range, .subquery: return
        default:
            throw PromQLError("\(modifier) modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                              start: keyword.start, end: keyword.end)
        }
    }

    private mutating func duration(_ context: String) throws(PromQLError) -> Int {
        switch current.kind {
        case .duration(let milliseconds):
            guard milliseconds > 0 else { throw PromQLError("duration must be greater than 0", start: current.start, end: current.end) }
            advance()
            return milliseconds
        case .number:
            throw PromQLError("missing unit character in duration \(context) (for example 5m)", start: current.start, end: current.end)
        default:
            throw unexpected(" \(context), expected duration")
        }
    }

    private mutating func timestamp() throws(PromQLError) -> String {
        if current.isKeyword("start") || current.isKeyword("end"), following.isSymbol("(") {
            let name = advance().identifier!.lowercased()
            advance()
            _ = try expect(")", " after \(name)(")
            return name + "()"
        }
        var sign = ""
        if current.isSymbol("-") || current.isSymbol("+") { sign = advance().isSymbol("-") ? "-" : "" }
        guard case .number(let value) = current.kind else { throw unexpected(" after @, expected a Unix timestamp, start() or end()") }
        guard value.isFinite else { throw PromQLError("timestamp out of bounds for @ modifier", start: current.start, end: current.end) }
        advance()
        return sign + "\(value)"
    }
}

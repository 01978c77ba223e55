/// Gives a parsed expression its value type and rejects what Prometheus 2.42 rejects at
/// parse time: arguments of the wrong type or count, ranges where an instant vector is
/// needed, set operators or `on`/`ignoring` with scalars, comparisons of two scalars
/// without `bool`, subqueries of something other than an instant vector.
enum PromQLTypeChecker {
    /// The type of `node`.
    ///
    /// - Throws: ``PromQLError`` at the first offending sub-expression.
    static func type(of node: PromQLNode) throws(PromQLError) -> PromQLType {
        switch node {
        case .number: return .scalar
        case .string: return .string
        case .selector: return .vector
        case .range: return .matrix
        case .subquery(let inner, _, _, _):
            let innerType = try type(of: inner)
            guard innerType == .vector else {
                throw error("subquery is only allowed on instant vector, got \(innerType.rawValue)", inner)
            }
            return .matrix
        case .modified(let inner, _, _):
            return try type(of: inner)
        case .parenthesised(let inner, _):
            return try type(of: inner)
        case .unary(_, let operand, _):
            let operandType = try type(of: operand)
            guard operandType == .scalar || operandType == .vector else {
                throw error("unary expression only allowed on expressions of type scalar or instant vector, got \(operandType.rawValue)", operand)
            }
            return operandType
        case .binary(let binary, let span):
            return try type(of: binary, span: span)
        case .call(let name, let arguments, let span):
            return try type(ofCall: name, arguments: arguments, span: span)
        case .aggregation(let aggregation, _):
            if let parameter = aggregation.parameter {
                let expected: PromQLType = aggregation.op == "count_values" ? .string : .scalar
                try expect(expected, parameter, "aggregation parameter of \"\(aggregation.op)\"")
            }
            try expect(.vector, aggregation.body, "aggregation expression")
            return .vector
        }
    }

    private static func type(of binary: PromQLNode.Binary, span: PromQLNode.Span) throws(PromQLError) -> PromQLType {
        let left = try type(of: binary.lhs)
        let right = try type(of: binary.rhs)
        for (side, sideType) in [(binary.lhs, left), (binary.rhs, right)] where sideType != .scalar && sideType != .vector {
            throw error("binary expression must contain only scalar and instant vector types, got \(sideType.rawValue)", side)
        }
        let isSet = PromQLParser.setOperators.contains(binary.op)
        if isSet, left == .scalar || right == .scalar {
            throw PromQLError("set operator \"\(binary.op)\" not allowed in binary scalar expression", start: span.start, end: span.end)
        }
        if binary.matchingOn != nil, left == .scalar || right == .scalar {
            throw PromQLError("vector matching only allowed between instant vectors", start: span.start, end: span.end)
        }
        if PromQLParser.comparisons.contains(binary.op), left == .scalar, right == .scalar, !binary.returnsBool {
            throw PromQLError("comparisons between scalars must use BOOL modifier (write 1 > bool 0)", start: span.start, end: span.end)
        }
        return left == .vector || right == .vector ? .vector : .scalar
    }

    private static func type(ofCall name: String, arguments: [PromQLNode], span: PromQLNode.Span) throws(PromQLError) -> PromQLType {
        guard let signature = PromQLFunctions.signatures[name] else {
            throw PromQLError("unknown function with name \"\(name)\"", start: span.start, end: span.end)
        }
        if arguments.count < signature.minimum || signature.maximum.map({ arguments.count > $0 }) == true {
            let expected = signature.maximum == signature.minimum ? "\(signature.minimum)"
                : signature.maximum.map { "\(signature.minimum) to \($0)" } ?? "at least \(signature.minimum)"
            throw PromQLError("expected \(expected) argument\(expected == "1" ? "" : "s") in call to \"\(name)\", got \(arguments.count)", start: span.start, end: span.end)
        }
        for (position, argument) in arguments.enumerated() {
            let expected = signature.arguments[min(position, signature.arguments.count - 1)]
            try expect(expected, argument, "call to function \"\(name)\"")
        }
        return signature.returns
    }

    private static func expect(_ expected: PromQLType, _ node: PromQLNode, _ context: String) throws(PromQLError) {
        let found = try type(of: node)
        guard found == expected else {
            var hint = ""
            if expected == .matrix, found == .vector { hint = " (add a range, for example [5m])" }
            if expected == .vector, found == .matrix { hint = " (remove the range, or wrap it in a function such as rate())" }
            throw error("expected type \(expected.rawValue) in \(context), got \(found.rawValue)\(hint)", node)
        }
    }

    private static func error(_ message: String, _ node: PromQLNode) -> PromQLError {
        PromQLError(message, start: node.span.start, end: node.span.end)
    }
}

/// Parsing and type checking in one call, as every generated expression goes through.
public enum PromQLCheck {
    /// Parses and type-checks `text`; a rule's expression must be an instant vector or a
    /// scalar.
    ///
    /// - Returns: The first problem, pointing into the text, or `nil` if Prometheus 2.42
    ///   would accept it as a rule expression.
    public static func problem(in text: String, requireRuleResult: Bool = true) -> PromQLError? {
        do {
            let node = try PromQLParser.parse(text)
            let result = try PromQLTypeChecker.type(of: node)
            if requireRuleResult, result != .vector, result != .scalar {
                return PromQLError("expression must evaluate to an instant vector or a scalar, got \(result.rawValue)", start: node.span.start, end: node.span.end)
            }
            return nil
        } catch {
            return error
        }
    }
}

/// A parsed PromQL expression: one node of the syntax tree and the text span it covers.
///
/// Produced by ``PromQLParser``; ``PromQLTypeChecker`` gives each node its value type and
/// the catalog checks (names, counters, kept labels) walk it.
indirect enum PromQLNode: Sendable, Hashable {
    /// A number literal.
    case number(Double, Span)
    /// A string literal.
    case string(String, Span)
    /// An instant-vector selector: metric name (if any), matchers, offset and `@`.
    case selector(Selector, Span)
    /// `<selector>[range]`.
    case range(PromQLNode, milliseconds: Int, Span)
    /// `<expr>[range:step]`.
    case subquery(PromQLNode, range: Int, step: Int?, Span)
    /// `offset <duration>` or `@ <time>` applied to a selector, range or subquery.
    case modified(PromQLNode, Modifier, Span)
    /// `( expr )`.
    case parenthesised(PromQLNode, Span)
    /// `-expr` or `+expr`.
    case unary(String, PromQLNode, Span)
    /// A binary operation.
    case binary(Binary, Span)
    /// A function call.
    case call(String, [PromQLNode], Span)
    /// An aggregation (`sum by (job) (...)`, `topk(5, ...)`).
    case aggregation(Aggregation, Span)

    /// Where a node sits in the text.
    struct Span: Sendable, Hashable {
        let start: Int
        let end: Int
    }

    /// A selector's contents.
    struct Selector: Sendable, Hashable {
        /// The metric name, or `nil` for `{job="x"}`.
        let name: String?
        /// The matchers in the braces.
        let matchers: [Matcher]
    }

    /// One `label op "value"`.
    struct Matcher: Sendable, Hashable {
        let label: String
        let op: String
        let value: String
    }

    /// `offset` or `@`.
    enum Modifier: Sendable, Hashable {
        case offset(milliseconds: Int)
        case at(String)
    }

    /// A binary operation with its modifiers.
    struct Binary: Sendable, Hashable {
        let op: String
        let lhs: PromQLNode
        let rhs: PromQLNode
        let returnsBool: Bool
        /// `on(...)` (`true`) or `ignoring(...)` (`false`), if given.
        let matchingOn: Bool?
        let matchingLabels: [String]
        /// `group_left` or `group_right`, if given.
        let group: String?
        let groupLabels: [String]
    }

    /// An aggregation with its grouping.
    struct Aggregation: Sendable, Hashable {
        let op: String
        let parameter: PromQLNode?
        let body: PromQLNode
        /// `by` (`false`) or `without` (`true`); `nil` without a clause.
        let without: Bool?
        let labels: [String]
    }

    /// The node's span.
    var span: Span {
        switch self {
        case .number(_, let span), .string(_, let span), .selector(_, let span), .range(_, _, let span),
             .subquery(_, _, _, let span), .modified(_, _, let span), .parenthesised(_, let span), .unary(_, _, let span),
             .binary(_, let span), .call(_, _, let span), .aggregation(_, let span):
            return span
        }
    }

    /// The direct children, left to right.
    var children: [PromQLNode] {
        switch self {
        case .number, .string, .selector: return []
        case .range(let inner, _, _), .subquery(let inner, _, _, _), .modified(let inner, _, _),
             .parenthesised(let inner, _), .unary(_, let inner, _):
            return [inner]
        case .binary(let binary, _): return [binary.lhs, binary.rhs]
        case .call(_, let arguments, _): return arguments
        case .aggregation(let aggregation, _): return (aggregation.parameter.map { [$0] } ?? []) + [aggregation.body]
        }
    }

    /// Every selector in the tree with its span, left to right.
    var selectors: [(Selector, Span)] {
        if case .selector(let selector, let span) = self { return [(selector, span)] }
        return children.flatMap(\.selectors)
    }
}

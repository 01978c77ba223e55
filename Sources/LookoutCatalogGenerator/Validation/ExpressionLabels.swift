import LookoutCatalog

/// The labels every series of an expression's result is sure to carry, following
/// Prometheus' rules: `by` keeps only its labels, `without` drops its labels,
/// `on(...)` keeps only the matching labels, `group_left(...)` copies labels from the
/// other side, `label_replace` adds one, `histogram_quantile` drops `le`.
///
/// `nil` means "not known" (a series of an external metric, `{__name__=~"..."}`), which no
/// check complains about.
enum ExpressionLabels {
    static func kept(by node: PromQLNode, series: SeriesCatalog) -> Set<String>? {
        switch node {
        case .number, .string:
            return []
        case .selector(let selector, _):
            guard let name = selector.name else { return nil }
            return series.labels(of: name)
        case .range(let inner, _, _), .subquery(let inner, _, _, _), .modified(let inner, _, _), .parenthesised(let inner, _), .unary(_, let inner, _):
            return kept(by: inner, series: series)
        case .aggregation(let aggregation, _):
            let input = kept(by: aggregation.body, series: series)
            var result: Set<String>?
            switch aggregation.without {
            case false?: result = Set(aggregation.labels)
            case true?: result = input.map { $0.subtracting(aggregation.labels) }
            case nil: result = []
            }
            if ["topk", "bottomk"].contains(aggregation.op) { result = input }
            if aggregation.op == "count_values", case .string(let label, _)? = aggregation.parameter { result = result?.union([label]) }
            return result
        case .binary(let binary, _):
            return kept(by: binary, series: series)
        case .call(let name, let arguments, _):
            let input = arguments.lazy.compactMap { argument -> Set<String>?? in
                guard let type = try? PromQLTypeChecker.type(of: argument), type == .vector || type == .matrix else { return nil }
                return .some(kept(by: argument, series: series))
            }.first ?? []
            switch name {
            case "vector", "time", "pi", "scalar": return []
            case "absent", "absent_over_time":
                return Set(arguments.first?.selectors.flatMap { $0.0.matchers.filter { $0.op == "=" }.map(\.label) } ?? [])
            case "histogram_quantile": return input.map { $0.subtracting(["le"]) }
            case "label_replace", "label_join":
                guard arguments.count > 1, case .string(let destination, _) = arguments[1] else { return input }
                return input.map { $0.union([destination]) }
            default: return input
            }
        }
    }

    private static func kept(by binary: PromQLNode.Binary, series: SeriesCatalog) -> Set<String>? {
        let leftType = try? PromQLTypeChecker.type(of: binary.lhs)
        let rightType = try? PromQLTypeChecker.type(of: binary.rhs)
        let left = kept(by: binary.lhs, series: series)
        let right = kept(by: binary.rhs, series: series)
        if leftType == .scalar { return right }
        if rightType == .scalar { return left }
        switch binary.op {
        case "and", "unless": return left
        case "or":
            guard let left, let right else { return nil }
            return left.intersection(right)
        default:
            switch binary.group {
            case "group_left": return left.map { $0.union(binary.groupLabels) }
            case "group_right": return right.map { $0.union(binary.groupLabels) }
            default:
                if binary.matchingOn == true { return Set(binary.matchingLabels) }
                if binary.matchingOn == false { return left.map { $0.subtracting(binary.matchingLabels) } }
                return left
            }
        }
    }

    /// The label names an annotation template reads: `{{ $labels.x }}`, `{{ .Labels.x }}`
    /// and `$labels.x` inside larger actions.
    static func templateLabels(in template: String) -> [String] {
        var names: [String] = []
        for prefix in ["$labels.", ".Labels."] {
            var rest = Substring(template)
            while let range = rest.firstRange(of: prefix) {
                let name = rest[range.upperBound...].prefix { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
                if !name.isEmpty { names.append(String(name)) }
                rest = rest[range.upperBound...]
            }
        }
        return names.uniqued()
    }
}

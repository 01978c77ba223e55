/// The value types of PromQL.
enum PromQLType: String, Sendable, Hashable {
    case scalar = "scalar"
    case vector = "instant vector"
    case matrix = "range vector"
    case string = "string"
}

/// The 70 functions of Prometheus 2.42 with their argument types and return type.
enum PromQLFunctions {
    /// A function's signature: argument types; `variadic` 0 means exactly these, n > 0 up to
    /// n optional trailing arguments (of the last type), -1 any number of them.
    struct Signature: Sendable, Hashable {
        let arguments: [PromQLType]
        let variadic: Int
        let returns: PromQLType

        /// The fewest arguments accepted.
        var minimum: Int { variadic == 0 ? arguments.count : arguments.count - 1 }
        /// The most arguments accepted, `nil` for no limit.
        var maximum: Int? { variadic < 0 ? nil : variadic == 0 ? arguments.count : arguments.count - 1 + variadic }
    }

    static let signatures: [String: Signature] = {
        var table: [String: Signature] = [:]
        func add(_ names: String, _ arguments: [PromQLType], variadic: Int = 0, returns: PromQLType = .vector) {
            for name in names.split(separator: " ") { table[String(name)] = Signature(arguments: arguments, variadic: variadic, returns: returns) }
        }
        add("abs absent acos acosh asin asinh atan atanh ceil cos cosh deg exp floor histogram_count histogram_sum ln log10 log2 rad sgn sin sinh sort sort_desc sqrt tan tanh timestamp", [.vector])
        add("absent_over_time avg_over_time changes count_over_time delta deriv idelta increase irate last_over_time max_over_time min_over_time present_over_time rate resets stddev_over_time stdvar_over_time sum_over_time", [.matrix])
        add("day_of_month day_of_week day_of_year days_in_month hour minute month year", [.vector], variadic: 1)
        add("clamp", [.vector, .scalar, .scalar])
        add("clamp_max clamp_min", [.vector, .scalar])
        add("round", [.vector, .scalar], variadic: 1)
        add("histogram_quantile", [.scalar, .vector])
        add("histogram_fraction", [.scalar, .scalar, .vector])
        add("holt_winters", [.matrix, .scalar, .scalar])
        add("predict_linear", [.matrix, .scalar])
        add("quantile_over_time", [.scalar, .matrix])
        add("label_replace", [.vector, .string, .string, .string, .string])
        add("label_join", [.vector, .string, .string, .string], variadic: -1)
        add("vector", [.scalar])
        add("scalar", [.vector], returns: .scalar)
        add("time pi", [], returns: .scalar)
        return table
    }()

    /// The functions that take a range of a counter and compute a per-second or total
    /// change, which resets must not break.
    static let counterFunctions: Set<String> = ["rate", "irate", "increase", "resets"]

    /// ` (did you mean "rate"?)` for a near miss, else empty.
    static func suggestion(for name: String) -> String {
        let candidates = Array(signatures.keys) + Array(PromQLParser.aggregations)
        guard let best = Closest.match(name.lowercased(), among: candidates) else { return "" }
        return "; did you mean \"\(best)\"?"
    }
}

/// The closest name by edit distance, for "did you mean" hints.
enum Closest {
    /// The candidate nearest to `name`, if it is close enough to be a plausible typo.
    static func match(_ name: String, among candidates: [String]) -> String? {
        // A name missing its sample suffix (`_total`, `_bucket`) is the likeliest slip.
        if let extended = candidates.filter({ $0.hasPrefix(name + "_") }).min(by: { ($0.count, $0) < ($1.count, $1) }) { return extended }
        let scored = candidates.map { ($0, distance(name, $0)) }.sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }
        guard let (best, score) = scored.first, score <= max(2, name.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}

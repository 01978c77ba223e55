/// The names of generated rules, in Prometheus' `level:metric:operations` convention: the
/// level is the labels the result keeps, the metric the family or concept, the
/// operations what was applied, newest first.
///
/// Every generated name comes from here, and declarations expose them as
/// ``RecordedSeries`` so alerts can reference rules without retyping names.
package enum RuleNaming {
    /// The 5-minute rate window the derived recording rules use.
    package static let rateWindow = PromDuration.minutes(5)

    /// `job:<family>:rate5m`.
    package static func counterRate(_ family: String) -> String { "job:\(family):rate5m" }

    /// `job_quantile:<family>:histogram_quantile` (one rule per quantile label).
    package static func histogramQuantile(_ family: String) -> String { "job_quantile:\(family):histogram_quantile" }

    /// `<by>:<ratio>:ratio_rate5m` for counters, `<by>:<ratio>:ratio` for gauges.
    package static func ratio(_ name: String, by: [String], rates: Bool) -> String {
        "\(by.joined(separator: "_")):\(name):\(rates ? "ratio_rate5m" : "ratio")"
    }

    /// `job:<slo>_sli_error:ratio_rate<window>`: the error ratio of an SLO's indicator.
    package static func sliErrorRatio(_ slo: String, window: PromDuration) -> String { "job:\(slo)_sli_error:ratio_rate\(window)" }

    /// `job:<slo>_error_budget_remaining:ratio`: the share of the period's budget left.
    package static func errorBudgetRemaining(_ slo: String) -> String { "job:\(slo)_error_budget_remaining:ratio" }

    /// `snake_case` → `PascalCase` (`http_availability` → `HttpAvailability`).
    package static func pascalCase(_ snake: String) -> String {
        snake.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Whether `name` is a valid alert name in the project's style: PascalCase letters and
    /// digits.
    package static func isPascalCase(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// Whether `name` is a lower snake-case identifier (`[a-z][a-z0-9_]*`), the form of
    /// module, ratio and SLO names.
    package static func isSnakeCase(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

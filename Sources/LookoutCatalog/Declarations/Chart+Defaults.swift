/// What the generator derives when a ``Chart`` leaves a field `nil`. The validator and the
/// panel builder share these, so what is checked is what is drawn.
extension Chart {
    /// The default row name.
    package static let defaultRow = "Metrics"

    /// The labels a metric's panel keeps when summing: the chart's `by`, else the declared
    /// labels (none for histogram quantiles), plus `instance` for a gauge not declared
    /// summable.
    package func keptLabels(for metric: DeclaredMetric) -> [String] {
        if let by { return by }
        if metric.type == .gauge, !summable, !metric.labelNames.contains("instance") { return metric.labelNames + ["instance"] }
        return metric.type == .histogram ? [] : metric.labelNames
    }

    /// The labels `{{...}}` placeholders in a legend template name.
    package static func placeholders(in legend: String) -> [String] {
        var names: [String] = []
        var rest = Substring(legend)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            names.append(rest[open.upperBound..<close.lowerBound].trimmingSpaces())
            rest = rest[close.upperBound...]
        }
        return names
    }
}

import Lookout

/// The four kinds of family the factory registers, and how each is named.
enum Kind: String {
    case counter, gauge, histogram, timer

    /// The family name for a sanitised swift-metrics label.
    ///
    /// Timers are in seconds, so their names end in `_seconds` (added unless present).
    /// A name ending in a suffix the formats reserve for this type (`_created`,
    /// `_bucket`, `_info`; `_total` except on counters) gets `_value` appended.
    func familyName(_ sanitised: String) -> String {
        var name = sanitised
        if self == .counter, name.hasSuffix("_total") { name.removeLast(6) }
        if ["_created", "_bucket", "_info", "_total"].contains(where: { name.hasSuffix($0) }) || name.isEmpty {
            name += "_value"
        }
        if self == .timer, !name.hasSuffix("_seconds") { name += "_seconds" }
        return name
    }

    /// The name tried when `name` is taken: the kind inserted before any unit suffix
    /// (`x` → `x_gauge`, `x_seconds` → `x_timer_seconds`).
    func fallbackName(_ name: String) -> String {
        if self == .timer, name.hasSuffix("_seconds") { return String(name.dropLast(8)) + "_timer_seconds" }
        return name + "_" + rawValue
    }
}

extension MetricFamily {
    /// A family in a registry of its own, never exposed: where a metric whose name
    /// could not be registered records.
    static func unexposed(kind: Kind, labelNames: [String]) throws(MetricError) -> MetricFamily<Child> {
        let registry = Registry()
        let help = "Metric recorded through swift-metrics whose name could not be registered."
        let family: Any
        switch kind {
        case .counter: family = try registry.counterFamily("rejected", help: help, labelNames: labelNames)
        case .gauge: family = try registry.gaugeFamily("rejected", help: help, labelNames: labelNames)
        case .histogram: family = try registry.histogramFamily("rejected", help: help, labelNames: labelNames)
        case .timer: family = try registry.histogramFamily("rejected_seconds", help: help, unit: .seconds, labelNames: labelNames)
        }
        guard let typed = family as? MetricFamily<Child> else {
            throw MetricError(.conflictingRegistration, metric: "rejected", "a \(kind.rawValue) is not a family of \(Child.self)")
        }
        return typed
    }
}

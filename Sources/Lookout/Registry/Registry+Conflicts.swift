extension Registry {
    /// The error for registering `descriptor` (with `configuration`) under a name already
    /// registered by `existing` with different contents: it names every field that differs,
    /// with the new value and the registered one.
    static func conflict(_ descriptor: MetricDescriptor, _ configuration: FamilyConfiguration,
                         with existing: FamilyEntry) -> MetricError {
        let registered = existing.core.descriptor
        var fields: [String] = []
        func compare<T: Equatable>(_ field: String, _ new: T, _ old: T, _ show: (T) -> String) {
            if new != old { fields.append("\(field) (\(show(new)) here, \(show(old)) registered)") }
        }
        compare("type", descriptor.type, registered.type) { $0.rawValue }
        compare("help", descriptor.help, registered.help) { "'\($0)'" }
        compare("unit", descriptor.unit, registered.unit) { $0.map { "'\($0)'" } ?? "none" }
        compare("label names", descriptor.labelNames, registered.labelNames) { "[\($0.joined(separator: ", "))]" }
        compare("buckets", configuration.buckets, existing.configuration.buckets) { $0.map { "[\($0)]" } ?? "none" }
        compare("states", configuration.states, existing.configuration.states) { $0.map { "[\($0.joined(separator: ", "))]" } ?? "none" }
        let differing = fields.isEmpty ? "its series type" : fields.joined(separator: ", ")
        return MetricError(.conflictingRegistration, metric: descriptor.name,
                           "already registered; it differs in \(differing); register it once and share the family")
    }
}

extension Registry.FamilyConfiguration {
    /// The bucket layout of a histogram family, `nil` for other families.
    var buckets: Buckets? {
        if case .buckets(let buckets) = self { buckets } else { nil }
    }

    /// The states of a state-set family, `nil` for other families.
    var states: [String]? {
        if case .states(let states) = self { states } else { nil }
    }
}

import Lookout
import Synchronization

/// One Lookout family behind one or more swift-metrics labels: its dimension keys (fixed
/// by the first use), how later dimensions map onto them, and the series bound.
final class FamilySlot<Child: Series>: Sendable {
    /// The value every label of the overflow series has.
    static var overflowValue: String { "__overflow__" }

    let family: MetricFamily<Child>
    /// The swift-metrics label of the first use.
    let label: String
    /// Raw dimension keys in the family's label order.
    let keys: [String]
    let limit: Int
    let problems: ProblemLog
    private let overflow = Mutex<Child?>(nil)

    init(family: MetricFamily<Child>, label: String, keys: [String], limit: Int, problems: ProblemLog) {
        self.family = family
        self.label = label
        self.keys = keys
        self.limit = limit
        self.problems = problems
    }

    /// The family's label values for `dimensions` of a metric labelled `label`.
    ///
    /// Dimensions in the first use's key order (the usual case) are taken as they are.
    /// Otherwise keys are matched by name: a key the family lacks is dropped, a family
    /// key the call lacks gets an empty value (what Prometheus treats as absent); both
    /// are reported once.
    func values(for dimensions: [(String, String)], label: String) -> [String] {
        if dimensions.count == keys.count {
            var same = true
            for index in keys.indices where dimensions[index].0 != keys[index] {
                same = false
                break
            }
            if same { return dimensions.map(\.1) }
        }
        var values = [String](repeating: "", count: keys.count)
        var found = [Bool](repeating: false, count: keys.count)
        for (key, value) in dimensions {
            if let index = keys.indices.first(where: { keys[$0] == key && !found[$0] }) {
                values[index] = value
                found[index] = true
            } else {
                problems.report(MetricsProblem(kind: .dimensionMismatch, label: label,
                                               detail: "dimension '\(key)' is not one of \(keys) (the keys of its first use, '\(self.label)'); dropped"))
            }
        }
        for index in keys.indices where !found[index] {
            problems.report(MetricsProblem(kind: .dimensionMismatch, label: label,
                                           detail: "dimension '\(keys[index])' of its first use is missing; recorded as an empty label"))
        }
        return values
    }

    /// The series for `values`, created while the family has fewer than `limit` series;
    /// past that, the shared overflow series. `owned` is false for the overflow series.
    func series(_ values: [String]) -> (series: Child, owned: Bool) {
        if let existing = family.existingChild(labelValues: values) { return (existing, true) }
        if keys.isEmpty || family.seriesCount < limit, let created = try? family.child(labelValues: values) {
            return (created, true)
        }
        problems.report(MetricsProblem(kind: .seriesLimit, label: label,
                                       detail: "family '\(family.descriptor.name)' reached \(limit) series; new dimension values record into the series labelled '\(Self.overflowValue)'"))
        return (overflowSeries(), false)
    }

    private func overflowSeries() -> Child {
        overflow.withLock { overflow in
            if let overflow { return overflow }
            let values = [String](repeating: Self.overflowValue, count: keys.count)
            // The count matches by construction.
            let created = try! family.child(labelValues: values)
            overflow = created
            return created
        }
    }
}

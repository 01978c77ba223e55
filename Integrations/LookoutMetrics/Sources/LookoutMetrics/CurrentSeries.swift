import Lookout
import Synchronization

/// The series a handle records into, swappable (a counter reset starts a new series)
/// and read with one atomic load and no retain.
///
/// The reference is unretained: the family keeps every series it created, removed ones
/// included, alive for its own lifetime, and the handle keeps the family alive.
struct CurrentSeries<Child: Series>: ~Copyable, Sendable {
    private let reference: Atomic<Unmanaged<Child>>
    private let slot: FamilySlot<Child>
    /// The label values, or nil for the shared overflow series (never removed).
    private let values: [String]?

    init(slot: FamilySlot<Child>, values: [String]) {
        let (series, owned) = slot.series(values)
        self.reference = Atomic(Unmanaged.passUnretained(series))
        self.slot = slot
        self.values = owned ? values : nil
    }

    @inline(__always)
    func withSeries<Result>(_ body: (Child) -> Result) -> Result {
        reference.load(ordering: .acquiring)._withUnsafeGuaranteedRef(body)
    }

    var problems: ProblemLog { slot.problems }
    var label: String { slot.label }

    /// Stops exposing the series; later records go to a series no scrape sees.
    func release() {
        guard let values else { return }
        slot.family.remove(labelValues: values)
    }

    /// Removes the series and continues in a new one from zero.
    func restart() {
        guard let values else { return }
        slot.family.remove(labelValues: values)
        reference.store(Unmanaged.passUnretained(slot.series(values).series), ordering: .releasing)
    }
}

import Synchronization

/// An open-addressing hash index from label hash to series, read without locks.
///
/// Writers (holding the family's mutex) fill empty slots with release stores; readers
/// probe with acquire loads and never block. A table never shrinks or reorders slots:
/// when it fills past 3/4 the family publishes a bigger copy and keeps the old one
/// alive, because a reader may still be probing it. Slots hold unretained references;
/// the family owns every series it ever indexed for its lifetime.
@usableFromInline
final class SeriesTable: @unchecked Sendable {
    // @unchecked Sendable: `slots` is written only by the owning family under its mutex,
    // one atomic slot at a time (release), and read through atomic acquire loads; `mask`
    // and `capacity` are immutable.

    @usableFromInline let mask: Int
    let slots: UnsafeMutablePointer<Atomic<Unmanaged<Series>?>>
    /// Marks a slot whose series was removed: probes continue past it.
    let tombstone = Series(renderedLabels: [], labelHash: 0)
    /// Slots holding a series or a tombstone.
    var occupied = 0

    init(capacity: Int) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "table capacity must be a power of two")
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        for index in 0..<capacity {
            (slots + index).initialize(to: Atomic<Unmanaged<Series>?>(nil))
        }
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    var capacity: Int { mask + 1 }

    /// The series whose labels are `values`, if indexed.
    @usableFromInline
    func find(_ values: UnsafeBufferPointer<String>, hash: UInt64, plain: Bool, nameLengths: [Int]) -> Series? {
        var index = Int(truncatingIfNeeded: hash) & mask
        let tombstone = Unmanaged.passUnretained(self.tombstone).toOpaque()
        while let slot = slots[index].load(ordering: .acquiring) {
            let found = slot.toOpaque() != tombstone && slot._withUnsafeGuaranteedRef { series in
                series.labelHash == hash && LabelKey.matches(values, plain: plain, rendered: series.renderedLabels, nameLengths: nameLengths)
            }
            if found { return slot.takeUnretainedValue() }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Indexes `series`; the caller holds the family's mutex and has checked capacity.
    func insert(_ series: Series) {
        var index = Int(truncatingIfNeeded: series.labelHash) & mask
        while slots[index].load(ordering: .relaxed) != nil {
            index = (index + 1) & mask
        }
        slots[index].store(Unmanaged.passUnretained(series), ordering: .releasing)
        occupied += 1
    }

    /// Replaces `series`' slot with a tombstone; the caller holds the family's mutex.
    func remove(_ series: Series) {
        var index = Int(truncatingIfNeeded: series.labelHash) & mask
        while let slot = slots[index].load(ordering: .relaxed) {
            if slot.toOpaque() == Unmanaged.passUnretained(series).toOpaque() {
                slots[index].store(Unmanaged.passUnretained(tombstone), ordering: .releasing)
                return
            }
            index = (index + 1) & mask
        }
    }

    /// Whether one more series would push the load factor past 3/4.
    var isFull: Bool { (occupied + 1) * 4 > capacity * 3 }
}

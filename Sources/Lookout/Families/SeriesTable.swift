import Synchronization

/// An open-addressing hash index from label hash to series, read without locks.
///
/// Writers (holding the family's mutex) fill empty slots with release stores; readers
/// probe with acquire loads and never block. A table never shrinks or reorders slots:
/// when it fills past 3/4 the family publishes a bigger copy and keeps the old one
/// alive, because a reader may still be probing it. Slots hold unretained references;
/// the family owns every series it ever indexed for its lifetime.
///
/// Each slot is two words, the series' label hash beside its reference, so a probe
/// compares hashes without touching series it does not want: in a big family visited
/// in no particular order, each of those would be a cache miss.
@usableFromInline
final class SeriesTable: @unchecked Sendable {
    // @unchecked Sendable: `slots` is written only by the owning family under its mutex,
    // one atomic slot at a time (release), and read through atomic acquire loads; `mask`
    // and `capacity` are immutable.

    @usableFromInline let mask: Int
    /// Word 2i: slot i's label hash; word 2i+1: its series reference (nil when empty).
    let slots: UnsafeMutablePointer<Atomic<UInt>>
    /// Marks a slot whose series was removed: probes continue past it.
    let tombstone = Series(renderedLabels: [], labelHash: 0)
    /// Slots holding a series or a tombstone.
    var occupied = 0

    init(capacity: Int) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "table capacity must be a power of two")
        mask = capacity - 1
        slots = .allocate(capacity: 2 * capacity)
        for index in 0..<2 * capacity {
            (slots + index).initialize(to: Atomic<UInt>(0))
        }
    }

    deinit {
        slots.deinitialize(count: 2 * (mask + 1))
        slots.deallocate()
    }

    @inline(__always)
    private static func bits(_ series: Series) -> UInt {
        UInt(bitPattern: Unmanaged.passUnretained(series).toOpaque())
    }

    var capacity: Int { mask + 1 }

    /// The series whose labels are `values`, if indexed.
    @usableFromInline
    func find(_ values: UnsafeBufferPointer<String>, hash: UInt64, plain: Bool, nameLengths: [Int]) -> Series? {
        var index = Int(truncatingIfNeeded: hash) & mask
        let tombstone = Self.bits(self.tombstone)
        let wanted = UInt(truncatingIfNeeded: hash)
        while true {
            // Acquire the reference first: the hash was stored before it was published.
            let reference = slots[2 * index + 1].load(ordering: .acquiring)
            if reference == 0 { return nil }
            if reference != tombstone, slots[2 * index].load(ordering: .relaxed) == wanted {
                let series = Unmanaged<Series>.fromOpaque(UnsafeRawPointer(bitPattern: reference)!)
                let found = series._withUnsafeGuaranteedRef { series in
                    LabelKey.matches(values, plain: plain, rendered: series.renderedLabels, nameLengths: nameLengths)
                }
                if found { return series.takeUnretainedValue() }
            }
            index = (index + 1) & mask
        }
    }

    /// Indexes `series`; the caller holds the family's mutex and has checked capacity.
    func insert(_ series: Series) {
        var index = Int(truncatingIfNeeded: series.labelHash) & mask
        while slots[2 * index + 1].load(ordering: .relaxed) != 0 {
            index = (index + 1) & mask
        }
        slots[2 * index].store(UInt(truncatingIfNeeded: series.labelHash), ordering: .relaxed)
        slots[2 * index + 1].store(Self.bits(series), ordering: .releasing)
        occupied += 1
    }

    /// Replaces `series`' slot with a tombstone; the caller holds the family's mutex.
    func remove(_ series: Series) {
        var index = Int(truncatingIfNeeded: series.labelHash) & mask
        let target = Self.bits(series)
        while true {
            let reference = slots[2 * index + 1].load(ordering: .relaxed)
            if reference == 0 { return }
            if reference == target {
                slots[2 * index + 1].store(Self.bits(tombstone), ordering: .releasing)
                return
            }
            index = (index + 1) & mask
        }
    }

    /// Whether one more series would push the load factor past 3/4.
    var isFull: Bool { (occupied + 1) * 4 > capacity * 3 }
}

import CLookoutThread
import Synchronization

/// A cumulative total that only goes up: requests served, bytes sent, errors seen.
///
/// Exposed as `<name>_total` (and, in OpenMetrics, `<name>_created`). Do not use a
/// counter for a value that can go down, such as items in a queue: use a ``Gauge``.
///
/// Integer increments are exact; floating increments (`inc(by: 0.25)`) are kept
/// separately so they never round the integer part. A negative or NaN increment is a
/// programming error: it traps with a message naming the metric, since a silently
/// decreasing counter would corrupt every `rate()` computed from it.
///
/// Thread-safety: safe from any thread, lock-free. The first thread to increment owns the
/// counter's main word and adds to it without a locked instruction; any other thread
/// moves to per-thread cells (on cache lines of their own), so neither single-threaded
/// nor contended increments pay for an atomic read-modify-write on a shared line.
public final class Counter: Series, @unchecked Sendable {
    // @unchecked Sendable: restated from Series; this class adds only atomics and immutable `let`s.
    /// The integer total; written only by the owning thread.
    @usableFromInline let integerTotal = Atomic<UInt64>(0)
    @usableFromInline let floatTotalBits = Atomic<UInt64>(0)
    @usableFromInline let extras = LazyReference<CounterExtras>()
    /// The slot number (see CLookoutThread) of the thread that owns `integerTotal`; 0
    /// until the first increment. Slot numbers are never reused.
    @usableFromInline let owner = Atomic<UInt32>(0)

    /// Adds one.
    @inlinable
    public func inc() {
        add(1)
    }

    /// Adds `amount`, which must not be negative.
    @inlinable
    public func inc(by amount: Int) {
        precondition(amount >= 0, "counter '\(labels)' cannot decrease (inc(by: \(amount))); use a Gauge for values that go down")
        add(UInt64(amount))
    }

    /// Adds `amount`, which must be finite and not negative.
    @inlinable
    public func inc(by amount: Double) {
        precondition(amount >= 0 && amount.isFinite, "counter '\(labels)' needs a finite, non-negative increment, got \(amount)")
        if amount < 9_007_199_254_740_992, amount == amount.rounded(.towardZero) {
            add(UInt64(amount))
        } else {
            addFloating(amount)
        }
    }

    /// Adds `amount` and keeps `exemplar` as the latest exemplar (OpenMetrics only).
    public func inc(by amount: Double = 1, exemplar: ExemplarLabels) {
        inc(by: amount)
        extras.storeIfNil(CounterExtras.init).exemplar.store(Exemplar(labels: exemplar, value: amount, timestamp: WallClock.nowSeconds()), at: 0)
    }

    @inlinable @inline(__always)
    func add(_ amount: UInt64) {
        // A thread without a slot peeks CLOOKOUT_THREAD_UNASSIGNED, which no owner equals.
        if owner.load(ordering: .relaxed) == CLookoutThread_peekSlot() {
            // Only the owner writes this word: a plain read-modify-write (relaxed load and
            // store, no locked instruction) cannot lose an update.
            integerTotal.store(integerTotal.load(ordering: .relaxed) &+ amount, ordering: .relaxed)
        } else {
            addAsOtherThread(amount)
        }
    }

    /// An increment from a thread that does not own the counter: claims it if no thread
    /// does yet, and otherwise adds to the calling thread's striped cell (a second
    /// thread means the counter is shared, and the owner keeps writing this object's
    /// cache line). Kept out of line so the owner's path stays a few instructions with
    /// no registers to save.
    @usableFromInline @inline(never)
    func addAsOtherThread(_ amount: UInt64) {
        // Borrowed, not retained: the cells' reference count is shared by every thread.
        if extras.withValue({ $0.cells.cell()[0].wrappingAdd(amount, ordering: .relaxed) }) != nil { return }
        let slot = CLookoutThread_currentSlot()
        if owner.load(ordering: .relaxed) == 0, owner.compareExchange(expected: 0, desired: slot, ordering: .relaxed).exchanged {
            integerTotal.store(integerTotal.load(ordering: .relaxed) &+ amount, ordering: .relaxed)
            return
        }
        inflate()
        _ = extras.withValue { $0.cells.cell()[0].wrappingAdd(amount, ordering: .relaxed) }
    }

    @usableFromInline
    func addFloating(_ amount: Double) {
        if extras.withValue({ _ = atomicAdd(amount, to: $0.cells.cell()[1]) }) != nil { return }
        if atomicAdd(amount, to: floatTotalBits) {
            inflate()
        }
    }

    private func inflate() {
        extras.storeIfNil(CounterExtras.init)
    }

    /// The current total.
    public var value: Double {
        var total = Double(integerTotal.load(ordering: .relaxed)) + Double(bitPattern: floatTotalBits.load(ordering: .relaxed))
        total += extras.withValue { Double($0.cells.integerSum(word: 0)) + $0.cells.doubleSum(word: 1) } ?? 0
        return total
    }

    /// The latest exemplar, if any was recorded.
    var latestExemplar: Exemplar? {
        guard extras.isSet else { return nil }
        return extras.withValue { $0.exemplar.all[0] } ?? nil
    }

    override func snapshotValue() -> SeriesSnapshot.Value {
        .counter(value, exemplar: latestExemplar)
    }

    func write<Writer: ExpositionWriter>(with writer: Writer, to buffer: inout ExpositionBuffer) {
        let total: CounterTotal
        if !extras.isSet, floatTotalBits.load(ordering: .relaxed) == 0 {
            total = .integer(integerTotal.load(ordering: .relaxed))
        } else {
            total = .floating(value)
        }
        writer.writeCounter(labels: renderedLabels, total: total, exemplar: latestExemplar, created: createdTimestamp, to: &buffer)
    }
}

/// What a counter allocates once it is contended or carries an exemplar.
@usableFromInline
final class CounterExtras: Sendable {
    /// Word 0: integer total; word 1: floating total's bits.
    @usableFromInline let cells = StripedCells(words: 2)
    let exemplar = ExemplarSlots(count: 1)

    init() {}
}

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
/// Thread-safety: safe from any thread, lock-free. Increments from several threads at
/// once move to per-thread cells automatically, so contended increments stay cheap.
public final class Counter: Series, @unchecked Sendable {
    // @unchecked Sendable: restated from Series; this class adds only atomics and immutable `let`s.
    @usableFromInline let integerTotal = Atomic<UInt64>(0)
    @usableFromInline let floatTotalBits = Atomic<UInt64>(0)
    @usableFromInline let extras = LazyReference<CounterExtras>()
    @usableFromInline let lastThread = Atomic<UInt32>(0)

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
        if extras.withValue({ $0.cells.cell()[0].wrappingAdd(amount, ordering: .relaxed) }) != nil { return }
        let old = integerTotal.wrappingAdd(amount, ordering: .relaxed).oldValue
        // Sample which thread is incrementing once per 256 of the total (and on every
        // larger increment); see ThreadSwitchDetector.
        if (old ^ (old &+ amount)) >> 8 != 0 { sampleThread() }
    }

    @usableFromInline
    func addFloating(_ amount: Double) {
        if extras.withValue({ _ = atomicAdd(amount, to: $0.cells.cell()[1]) }) != nil { return }
        if atomicAdd(amount, to: floatTotalBits) {
            inflate()
        }
    }

    @usableFromInline
    func sampleThread() {
        if ThreadSwitchDetector.noteUpdate(lastThread) { inflate() }
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

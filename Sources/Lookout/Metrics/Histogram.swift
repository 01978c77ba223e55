import CLookoutThread
import Synchronization

/// Observations (request durations, response sizes) counted into buckets, with their
/// count and sum: the input of `histogram_quantile()` and of latency SLOs.
///
/// Exposed as `<name>_bucket{le="…"}` (cumulative, ending with `le="+Inf"` equal to
/// `_count`), `<name>_count` and `<name>_sum`. Buckets are fixed when the family is
/// registered (see ``Buckets``); choose them around your objectives.
///
/// NaN observations are ignored: they fall in no bucket and would turn `_sum` into NaN
/// for the life of the process.
///
/// Thread-safety: safe from any thread, lock-free. The first thread to observe owns a
/// private set of words it updates without locked instructions (the usual case of one
/// recording thread costs no atomic read-modify-write); other threads share atomic
/// words, and concurrent observations there move to per-thread cells automatically. A scrape during concurrent observations may see a
/// bucket total and a sum that differ by the observations in flight.
public final class Histogram: Series, @unchecked Sendable {
    // @unchecked Sendable: restated from Series; this class adds only atomics and immutable `let`s.
    /// The bucket layout.
    public let buckets: Buckets
    private let bucketCount: Int
    /// The finite bounds (owned by `buckets`, which this series keeps alive).
    private let bounds: UnsafePointer<Double>
    /// Non-cumulative counts, one per finite bound plus one for +Inf, then the sum's
    /// bits: the words threads other than the owner share. They live outside this object
    /// so that their writes never invalidate the cache line the owner reads on every
    /// observation (`owner`, `bounds`, `owned`).
    private let counts: UnsafeMutablePointer<Atomic<UInt64>>
    /// The owner's counts (`bucketCount` words) then its sum's bits, on cache lines of
    /// their own; written only by the owning thread.
    private let owned: UnsafeMutablePointer<Atomic<UInt64>>
    /// The slot number (see CLookoutThread) of the thread that owns `owned`; 0 until the
    /// first observation. Slot numbers are never reused, so no two threads share one.
    private let owner = Atomic<UInt32>(0)
    private let extras = LazyReference<HistogramExtras>()

    init(buckets: Buckets, renderedLabels: [UInt8], labelHash: UInt64) {
        self.buckets = buckets
        self.bucketCount = buckets.upperBounds.count + 1
        self.bounds = UnsafePointer(buckets.searchTable.bounds)
        let sharedWords = Self.sharedWords(bucketCount)
        let total = sharedWords + bucketCount + 1
        counts = UnsafeMutableRawPointer.allocate(byteCount: total * 8, alignment: 64).bindMemory(to: Atomic<UInt64>.self, capacity: total)
        for index in 0..<total { (counts + index).initialize(to: Atomic(0)) }
        owned = counts + sharedWords
        super.init(renderedLabels: renderedLabels, labelHash: labelHash)
    }

    deinit {
        counts.deinitialize(count: Self.sharedWords(bucketCount) + bucketCount + 1)
        UnsafeMutableRawPointer(counts).deallocate()
    }

    /// Shared words (counts and sum) rounded up to whole cache lines, so the owner's
    /// words start a line.
    private static func sharedWords(_ bucketCount: Int) -> Int { (bucketCount + 1 + 7) / 8 * 8 }

    @inline(__always)
    private func bucketIndex(_ value: Double) -> Int {
        BucketSearchTable.index(of: value, in: bounds, count: bucketCount - 1)
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        guard !value.isNaN else { return }
        let index = bucketIndex(value)
        // A thread without a slot peeks CLOOKOUT_THREAD_UNASSIGNED, which no owner equals.
        let currentOwner = owner.load(ordering: .relaxed)
        if currentOwner == CLookoutThread_peekSlot()
            || (currentOwner == 0 && owner.compareExchange(expected: 0, desired: CLookoutThread_currentSlot(), ordering: .relaxed).exchanged) {
            // Only this thread writes these words: a plain read-modify-write (relaxed
            // loads and stores, no locked instruction) cannot lose an update.
            owned[index].store(owned[index].load(ordering: .relaxed) &+ 1, ordering: .relaxed)
            let sum = owned + bucketCount
            sum.pointee.store((Double(bitPattern: sum.pointee.load(ordering: .relaxed)) + value).bitPattern, ordering: .relaxed)
            return
        }
        let striped: Void? = extras.withValue { extras in
            let cell = extras.cells.cell()
            cell[index].wrappingAdd(1, ordering: .relaxed)
            _ = atomicAdd(value, to: cell[bucketCount])
        }
        if striped != nil { return }
        counts[index].wrappingAdd(1, ordering: .relaxed)
        if atomicAdd(value, to: counts[bucketCount]) {
            extras.storeIfNil { HistogramExtras(bucketCount: bucketCount) }
        }
    }

    /// Records one observation and keeps `exemplar` as its bucket's latest exemplar.
    public func observe(_ value: Double, exemplar: ExemplarLabels) {
        guard !value.isNaN else { return }
        observe(value)
        extras.storeIfNil { HistogramExtras(bucketCount: bucketCount) }.exemplars.store(Exemplar(labels: exemplar, value: value, timestamp: WallClock.nowSeconds()), at: bucketIndex(value))
    }

    /// Records a duration, in seconds.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) * 1e-18)
    }

    /// Runs `body`, records how long it took (monotonic clock, in seconds) and returns
    /// its result. The duration is recorded when `body` throws too.
    public func time<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        let start = ContinuousClock.now
        defer { observe(ContinuousClock.now - start) }
        return try body()
    }

    /// Runs the asynchronous `body` and records how long it took; see ``time(_:)``.
    public func time<Result, Failure: Error>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let start = ContinuousClock.now
        defer { observe(ContinuousClock.now - start) }
        return try await body()
    }

    /// Non-cumulative counts per bucket (the last is the +Inf bucket).
    public var bucketCounts: [UInt64] {
        [UInt64](unsafeUninitializedCapacity: bucketCount) { buffer, initialized in
            loadCounts(into: buffer)
            initialized = bucketCount
        }
    }

    private func loadCounts(into buffer: UnsafeMutableBufferPointer<UInt64>) {
        for index in 0..<bucketCount {
            buffer[index] = counts[index].load(ordering: .relaxed) &+ owned[index].load(ordering: .relaxed)
        }
        extras.withValue { extras in
            for index in 0..<bucketCount { buffer[index] &+= extras.cells.integerSum(word: index) }
        }
    }

    /// The number of observations.
    public var count: UInt64 { bucketCounts.reduce(0, &+) }

    /// The sum of all observations.
    public var sum: Double {
        Double(bitPattern: counts[bucketCount].load(ordering: .relaxed)) + Double(bitPattern: owned[bucketCount].load(ordering: .relaxed))
            + (extras.withValue { $0.cells.doubleSum(word: bucketCount) } ?? 0)
    }

    func write<Writer: ExpositionWriter>(with writer: Writer, to buffer: inout ExpositionBuffer) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bucketCount) { scratch in
            loadCounts(into: scratch)
            let exemplars = extras.withValue { $0.exemplars.all } ?? []
            writer.writeHistogram(labels: renderedLabels, buckets: buckets, counts: UnsafeBufferPointer(scratch), sum: sum,
                                  exemplars: exemplars, created: createdTimestamp, to: &buffer)
        }
    }

    override func snapshotValue() -> SeriesSnapshot.Value {
        let exemplars = extras.withValue { $0.exemplars.all } ?? []
        return .histogram(HistogramValue(buckets: buckets, bucketCounts: bucketCounts, sum: sum, exemplars: exemplars))
    }
}

/// What a histogram allocates once it is contended or carries exemplars.
final class HistogramExtras: Sendable {
    /// Words 0..<bucketCount: counts; word bucketCount: the sum's bits.
    let cells: StripedCells
    let exemplars: ExemplarSlots

    init(bucketCount: Int) {
        cells = StripedCells(words: bucketCount + 1)
        exemplars = ExemplarSlots(count: bucketCount)
    }
}

import Synchronization

/// The type-independent machinery of a metric family: the label schema, the lock-free
/// series index and the list of series in creation order.
///
/// Lookups of existing series take no lock and allocate nothing; creating a series takes
/// the family's mutex (never a registry-wide lock).
@usableFromInline
final class FamilyCore: @unchecked Sendable {
    // @unchecked Sendable: `table` is an atomic reference to a table that is itself safe
    // for concurrent readers (see SeriesTable); every other mutable field lives inside
    // `state`'s Mutex; the remaining properties are immutable.

    struct State {
        /// Series in creation order; owns them (table slots are unretained).
        var series: [Series] = []
        /// Earlier tables and removed series, kept alive for readers that may still hold them.
        var retiredTables: [SeriesTable] = []
        var removedSeries: [Series] = []
        var current: SeriesTable
    }

    let descriptor: MetricDescriptor
    /// Sample names and metadata lines, rendered once.
    let rendering: FamilyRendering
    @usableFromInline let labelCount: Int
    @usableFromInline let nameLengths: [Int]
    @usableFromInline let seed: UInt64
    @usableFromInline let table: Atomic<Unmanaged<SeriesTable>>
    let state: Mutex<State>
    private let makeSeries: @Sendable (_ renderedLabels: [UInt8], _ labelHash: UInt64) -> Series

    init(descriptor: MetricDescriptor, makeSeries: @escaping @Sendable (_ renderedLabels: [UInt8], _ labelHash: UInt64) -> Series) {
        self.descriptor = descriptor
        self.rendering = FamilyRendering(descriptor)
        self.labelCount = descriptor.labelNames.count
        self.nameLengths = descriptor.labelNames.map(\.utf8.count)
        self.seed = UInt64.random(in: .min ... .max)
        self.makeSeries = makeSeries
        let initial = SeriesTable(capacity: 8)
        self.table = Atomic(Unmanaged.passUnretained(initial))
        self.state = Mutex(State(current: initial))
    }

    /// The series for `values`, created on first use. Traps when the count is wrong.
    @usableFromInline
    func series(_ values: UnsafeBufferPointer<String>) -> Series {
        precondition(values.count == labelCount,
                     "metric '\(descriptor.name)' has labels \(descriptor.labelNames) (\(labelCount)) but was given \(values.count) values; use child(labelValues:) to get an error instead")
        let (hash, plain) = LabelKey.hash(values, seed: seed)
        let found = table.load(ordering: .acquiring)._withUnsafeGuaranteedRef { table in
            table.find(values, hash: hash, plain: plain, nameLengths: nameLengths)
        }
        return found ?? insert(values, hash: hash, plain: plain)
    }

    /// The series for `values` if it exists (never creates one); nil for a wrong count.
    func existingSeries(_ values: [String]) -> Series? {
        guard values.count == labelCount else { return nil }
        return values.withUnsafeBufferPointer { values in
            let (hash, plain) = LabelKey.hash(values, seed: seed)
            return table.load(ordering: .acquiring)._withUnsafeGuaranteedRef { table in
                table.find(values, hash: hash, plain: plain, nameLengths: nameLengths)
            }
        }
    }

    /// How many series are exposed.
    var seriesCount: Int { state.withLock { $0.series.count } }

    /// The series for `values`, or an error naming the expected labels.
    func checkedSeries(_ values: [String]) throws(MetricError) -> Series {
        guard values.count == labelCount else {
            throw MetricError(.labelCountMismatch, metric: descriptor.name,
                              "expected \(labelCount) label values for \(descriptor.labelNames) but got \(values.count): \(values)")
        }
        return values.withUnsafeBufferPointer { series($0) }
    }

    private func insert(_ values: UnsafeBufferPointer<String>, hash: UInt64, plain: Bool) -> Series {
        state.withLock { state in
            if let existing = state.current.find(values, hash: hash, plain: plain, nameLengths: nameLengths) {
                return existing
            }
            let series = makeSeries(Labels.render(names: descriptor.labelNames, values: values), hash)
            if state.current.isFull {
                // Grow (or, after many removals, just rebuild without tombstones).
                let needed = (state.series.count + 1) * 4 > state.current.capacity * 3 / 2
                let bigger = SeriesTable(capacity: state.current.capacity * (needed ? 2 : 1))
                for existing in state.series { bigger.insert(existing) }
                state.retiredTables.append(state.current)
                state.current = bigger
            }
            state.current.insert(series)
            state.series.append(series)
            table.store(Unmanaged.passUnretained(state.current), ordering: .releasing)
            return series
        }
    }

    /// Stops exposing the series for `values`. Returns whether it existed.
    ///
    /// The series object stays allocated until the family is released (lock-free readers
    /// may still hold it); recording into a removed series is harmless but not exposed.
    func remove(_ values: [String]) -> Bool {
        guard values.count == labelCount else { return false }
        return values.withUnsafeBufferPointer { values in
            let (hash, plain) = LabelKey.hash(values, seed: seed)
            return state.withLock { state in
                guard let victim = state.current.find(values, hash: hash, plain: plain, nameLengths: nameLengths) else { return false }
                state.series.removeAll { $0 === victim }
                state.removedSeries.append(victim)
                state.current.remove(victim)
                return true
            }
        }
    }

    /// Every exposed series, in creation order.
    var allSeries: [Series] { state.withLock { $0.series } }
}

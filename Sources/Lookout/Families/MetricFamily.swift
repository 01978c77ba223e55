/// A labelled metric: one ``Series`` per distinct combination of label values, all
/// sharing a name, help, type and label names.
///
/// ```swift
/// let requests = try registry.counterFamily("http_requests_total", help: "HTTP requests.", labelNames: ["method", "status"])
/// requests.labels("GET", "200").inc()
/// ```
///
/// `labels(...)` returns the same series object for the same values, creating it on first
/// use. Looking up an existing series takes no lock and allocates nothing, so it is fine
/// on a hot path; keeping the returned series in a property is faster still.
///
/// Do not use unbounded values (user IDs, raw URLs) as labels: every combination is a new
/// time series, kept until ``remove(labelValues:)``.
///
/// Thread-safety: safe to use from any thread.
public final class MetricFamily<Child: Series>: Sendable {
    @usableFromInline let core: FamilyCore

    init(core: FamilyCore) {
        self.core = core
    }

    /// The family's name, help, type, unit and label names.
    public var descriptor: MetricDescriptor { core.descriptor }

    /// Looks up the series for `values`: borrowed, bitwise copies of the caller's label
    /// values (see ``StringWords``), valid for the duration of the call.
    @inlinable
    func child(_ values: UnsafeMutableBufferPointer<StringWords>) -> Child {
        let strings = UnsafeRawPointer(values.baseAddress!).assumingMemoryBound(to: String.self)
        return unsafeDowncast(core.series(UnsafeBufferPointer(start: strings, count: values.count)), to: Child.self)
    }

    /// The series for a family with one label name.
    ///
    /// Passing a different number of values than the family has label names is a
    /// programming error and traps with a message naming the labels; use
    /// ``child(labelValues:)`` where the count is not known statically.
    @inlinable
    public func labels(_ v0: String) -> Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 1) { values in
            values.initializeElement(at: 0, to: StringWords(v0))
            return child(values)
        }
    }

    /// The series for a family with two label names; see ``labels(_:)``.
    @inlinable
    public func labels(_ v0: String, _ v1: String) -> Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 2) { values in
            values.initializeElement(at: 0, to: StringWords(v0))
            values.initializeElement(at: 1, to: StringWords(v1))
            return child(values)
        }
    }

    /// The series for a family with three label names; see ``labels(_:)``.
    @inlinable
    public func labels(_ v0: String, _ v1: String, _ v2: String) -> Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 3) { values in
            values.initializeElement(at: 0, to: StringWords(v0))
            values.initializeElement(at: 1, to: StringWords(v1))
            values.initializeElement(at: 2, to: StringWords(v2))
            return child(values)
        }
    }

    /// The series for a family with four label names; see ``labels(_:)``.
    @inlinable
    public func labels(_ v0: String, _ v1: String, _ v2: String, _ v3: String) -> Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 4) { values in
            values.initializeElement(at: 0, to: StringWords(v0))
            values.initializeElement(at: 1, to: StringWords(v1))
            values.initializeElement(at: 2, to: StringWords(v2))
            values.initializeElement(at: 3, to: StringWords(v3))
            return child(values)
        }
    }

    /// The series for a family with five label names; see ``labels(_:)``.
    @inlinable
    public func labels(_ v0: String, _ v1: String, _ v2: String, _ v3: String, _ v4: String) -> Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 5) { values in
            values.initializeElement(at: 0, to: StringWords(v0))
            values.initializeElement(at: 1, to: StringWords(v1))
            values.initializeElement(at: 2, to: StringWords(v2))
            values.initializeElement(at: 3, to: StringWords(v3))
            values.initializeElement(at: 4, to: StringWords(v4))
            return child(values)
        }
    }

    /// The series for a family with six label names; see ``labels(_:)``.
    @inlinable
    public func labels(_ v0: String, _ v1: String, _ v2: String, _ v3: String, _ v4: String, _ v5: String) -> Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 6) { values in
            values.initializeElement(at: 0, to: StringWords(v0))
            values.initializeElement(at: 1, to: StringWords(v1))
            values.initializeElement(at: 2, to: StringWords(v2))
            values.initializeElement(at: 3, to: StringWords(v3))
            values.initializeElement(at: 4, to: StringWords(v4))
            values.initializeElement(at: 5, to: StringWords(v5))
            return child(values)
        }
    }

    /// The series for `labelValues`, in label-name order, for any number of labels.
    ///
    /// - Throws: ``MetricError/Code/labelCountMismatch`` when the count differs from the
    ///   family's label names.
    public func child(labelValues: [String]) throws(MetricError) -> Child {
        unsafeDowncast(try core.checkedSeries(labelValues), to: Child.self)
    }

    /// The series for `labelValues` if it already exists; never creates one.
    ///
    /// Lock-free and allocation-free like ``labels(_:)``. Use it to bound a family's size:
    /// look up first, and create (with ``child(labelValues:)``) only while
    /// ``seriesCount`` is under your limit. Returns nil when no such series exists or the
    /// number of values differs from the family's label names.
    public func existingChild(labelValues: [String]) -> Child? {
        core.existingSeries(labelValues).map { unsafeDowncast($0, to: Child.self) }
    }

    /// The number of series the family exposes (takes the family's lock briefly).
    public var seriesCount: Int { core.seriesCount }

    /// Stops exposing the series for `labelValues`; returns whether it existed.
    ///
    /// A later lookup with the same values creates a fresh series. The removed series'
    /// memory is kept until the family is released, since lock-free readers may hold it.
    @discardableResult
    public func remove(labelValues: [String]) -> Bool {
        core.remove(labelValues)
    }

    /// Every exposed series, in creation order.
    public var series: [Child] { core.allSeries.map { unsafeDowncast($0, to: Child.self) } }
}

/// The two machine words of a `String`, copied bitwise without retaining it.
///
/// Label lookups only read the values they are given, during the call, while the
/// caller's strings are alive; copying the words instead of the strings saves a retain
/// and a release per label value on the hottest path.
@frozen @usableFromInline
struct StringWords {
    @usableFromInline let low: UInt64
    @usableFromInline let high: UInt64

    @inlinable @inline(__always)
    init(_ string: borrowing String) {
        (low, high) = withUnsafeBytes(of: string) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
    }
}

/// A family of ``Counter`` series.
public typealias CounterFamily = MetricFamily<Counter>
/// A family of ``Gauge`` series.
public typealias GaugeFamily = MetricFamily<Gauge>
/// A family of ``Histogram`` series.
public typealias HistogramFamily = MetricFamily<Histogram>
/// A family of ``Info`` series.
public typealias InfoFamily = MetricFamily<Info>
/// A family of ``StateSet`` series.
public typealias StateSetFamily = MetricFamily<StateSet>

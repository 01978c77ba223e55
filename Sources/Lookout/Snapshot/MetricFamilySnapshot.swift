/// An immutable copy of a metric family's series at one instant: what exposition writes
/// and what tests and custom collectors deal in.
public struct MetricFamilySnapshot: Sendable {
    /// The family's identity.
    public let descriptor: MetricDescriptor
    /// Its series.
    public let series: [SeriesSnapshot]

    init(uncheckedDescriptor descriptor: MetricDescriptor, series: [SeriesSnapshot]) {
        self.descriptor = descriptor
        self.series = series
    }

    /// A snapshot for a custom collector.
    ///
    /// - Throws: ``MetricError/Code/invalidValue`` if a series' value does not fit the
    ///   descriptor's type (a histogram value on a counter, say), and
    ///   ``MetricError/Code/labelCountMismatch`` if a series' label names differ from the
    ///   descriptor's.
    public init(descriptor: MetricDescriptor, series: [SeriesSnapshot]) throws(MetricError) {
        for item in series {
            guard item.value.fits(descriptor.type) else {
                throw MetricError(.invalidValue, metric: descriptor.name, "a \(descriptor.type.rawValue) family cannot hold the value \(item.value)")
            }
            let names = item.labels.pairs.map(\.name)
            guard names == descriptor.labelNames else {
                throw MetricError(.labelCountMismatch, metric: descriptor.name,
                                  "series labels \(names) differ from the family's label names \(descriptor.labelNames)")
            }
        }
        self.init(uncheckedDescriptor: descriptor, series: series)
    }
}

/// One series in a ``MetricFamilySnapshot``.
public struct SeriesSnapshot: Sendable {
    /// The series' value, by metric type.
    public enum Value: Sendable, Hashable {
        /// A counter total and its latest exemplar.
        case counter(Double, exemplar: Exemplar?)
        /// A gauge value.
        case gauge(Double)
        /// A histogram's buckets, count and sum.
        case histogram(HistogramValue)
        /// An info series (its value is always 1).
        case info
        /// A state set's states.
        case stateSet(StateSetValue)
        /// A value of unknown type.
        case unknown(Double)

        func fits(_ type: MetricType) -> Bool {
            switch (self, type) {
            case (.counter, .counter), (.gauge, .gauge), (.histogram, .histogram), (.info, .info),
                 (.stateSet, .stateSet), (.unknown, .unknown):
                return true
            default:
                return false
            }
        }
    }

    /// The series' labels.
    public let labels: Labels
    /// Its value.
    public let value: Value
    /// When it was created (seconds since the Unix epoch), for OpenMetrics `_created`.
    public let createdTimestamp: Double?

    /// A series snapshot.
    public init(labels: Labels = .empty, value: Value, createdTimestamp: Double? = nil) {
        self.labels = labels
        self.value = value
        self.createdTimestamp = createdTimestamp
    }
}

/// A histogram's state in a snapshot.
public struct HistogramValue: Sendable, Hashable {
    /// The bucket layout.
    public let buckets: Buckets
    /// Non-cumulative counts: one per finite bound, then the +Inf bucket.
    public let bucketCounts: [UInt64]
    /// The sum of observations.
    public let sum: Double
    /// The latest exemplar per bucket (same indexing as `bucketCounts`), or empty.
    public let exemplars: [Exemplar?]

    /// A histogram value; `bucketCounts` must have `buckets.upperBounds.count + 1` entries.
    public init(buckets: Buckets, bucketCounts: [UInt64], sum: Double, exemplars: [Exemplar?] = []) {
        precondition(bucketCounts.count == buckets.upperBounds.count + 1,
                     "a histogram with \(buckets.upperBounds.count) finite buckets needs \(buckets.upperBounds.count + 1) counts (the last for +Inf), got \(bucketCounts.count)")
        self.buckets = buckets
        self.bucketCounts = bucketCounts
        self.sum = sum
        self.exemplars = exemplars
    }

    /// The number of observations (the +Inf bucket's cumulative count).
    public var count: UInt64 { bucketCounts.reduce(0, &+) }

    /// Cumulative counts, as `_bucket` samples expose them.
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return bucketCounts.map { running &+= $0; return running }
    }
}

/// A state set's states in a snapshot.
public struct StateSetValue: Sendable, Hashable {
    /// State names, in declaration order.
    public let states: [String]
    /// Whether each state is enabled.
    public let enabled: [Bool]

    /// A state-set value; `enabled` must have one entry per state.
    public init(states: [String], enabled: [Bool]) {
        precondition(states.count == enabled.count, "a state set needs one enabled flag per state")
        self.states = states
        self.enabled = enabled
    }
}

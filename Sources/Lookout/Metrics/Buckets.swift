/// The upper bounds of a histogram's buckets: finite, sorted, unique, never NaN.
///
/// `+Inf` is implicit: every histogram has a last bucket that counts everything, so a
/// trailing `.infinity` passed in is dropped rather than duplicated. Bounds are rendered
/// once, when the layout is created, in OpenMetrics' canonical form (`0.005`, `1.0`,
/// `+Inf`), so exposition does no float formatting for `le` labels.
public struct Buckets: Sendable, Hashable, CustomStringConvertible {
    /// The finite upper bounds, ascending.
    public let upperBounds: [Double]
    /// `le` label values in canonical form, one per bound plus `+Inf` last.
    let renderedBounds: [[UInt8]]
    /// The bounds in memory of their own, for bucket selection without array accesses.
    let searchTable: BucketSearchTable

    /// Validates `upperBounds` and creates a layout.
    ///
    /// - Throws: ``MetricError/Code/invalidBuckets`` if the list is empty, holds NaN or
    ///   `-Inf`, or is not strictly increasing.
    public init(_ upperBounds: [Double]) throws(MetricError) {
        var bounds = upperBounds
        if bounds.last == .infinity { bounds.removeLast() }
        guard !bounds.isEmpty else {
            throw MetricError(.invalidBuckets, metric: "", "buckets must have at least one finite upper bound")
        }
        for (index, bound) in bounds.enumerated() {
            guard bound.isFinite else {
                throw MetricError(.invalidBuckets, metric: "", "bucket bound \(bound) at index \(index) is not finite; only the implicit last bucket is +Inf")
            }
            if index > 0, bound <= bounds[index - 1] {
                throw MetricError(.invalidBuckets, metric: "",
                                  "bucket bounds must be strictly increasing, but \(bound) at index \(index) follows \(bounds[index - 1])")
            }
        }
        self.upperBounds = bounds
        self.renderedBounds = bounds.map { Array(FloatFormatting.canonical($0).utf8) } + [Array("+Inf".utf8)]
        self.searchTable = BucketSearchTable(bounds)
    }

    /// Prometheus' default buckets, tuned for request latencies in seconds:
    /// 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10.
    public static let `default` = try! Buckets([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])

    /// `count` buckets of equal `width` starting at `start`.
    ///
    /// - Throws: ``MetricError/Code/invalidBuckets`` if `count < 1` or `width <= 0`.
    public static func linear(start: Double, width: Double, count: Int) throws(MetricError) -> Buckets {
        guard count >= 1, width > 0, width.isFinite, start.isFinite else {
            throw MetricError(.invalidBuckets, metric: "", "linear buckets need count >= 1 and a positive finite width (got start \(start), width \(width), count \(count))")
        }
        return try Buckets((0..<count).map { start + Double($0) * width })
    }

    /// `count` buckets starting at `start`, each `factor` times the previous.
    ///
    /// - Throws: ``MetricError/Code/invalidBuckets`` if `count < 1`, `start <= 0` or `factor <= 1`.
    public static func exponential(start: Double, factor: Double, count: Int) throws(MetricError) -> Buckets {
        guard count >= 1, start > 0, factor > 1, start.isFinite, factor.isFinite else {
            throw MetricError(.invalidBuckets, metric: "", "exponential buckets need count >= 1, start > 0 and factor > 1 (got start \(start), factor \(factor), count \(count))")
        }
        var bounds: [Double] = []
        var bound = start
        for _ in 0..<count {
            bounds.append(bound)
            bound *= factor
        }
        return try Buckets(bounds)
    }

    public var description: String { upperBounds.map { FloatFormatting.canonical($0) }.joined(separator: ", ") }

    public static func == (lhs: Buckets, rhs: Buckets) -> Bool { lhs.upperBounds == rhs.upperBounds }
    public func hash(into hasher: inout Hasher) { hasher.combine(upperBounds) }
}

/// A layout's finite bounds in a buffer of their own, and the bucket a value falls in.
///
/// Up to 16 bounds are scanned from the lowest, stopping at the first that is not below
/// the value. A branch-free count over every bound was measured too (observations at
/// random over the default buckets, and log-normal latencies): on the benchmark machine
/// it took twice as long as this scan, so the scan stays. Longer layouts use a
/// branch-free binary search, whose comparisons pick a half with a conditional move.
final class BucketSearchTable: @unchecked Sendable {
    // @unchecked Sendable: `bounds` is written once, in init, and only read afterwards.
    let bounds: UnsafeMutablePointer<Double>
    let count: Int

    init(_ upperBounds: [Double]) {
        count = upperBounds.count
        bounds = .allocate(capacity: max(count, 1))
        bounds.initialize(from: upperBounds, count: count)
    }

    deinit { bounds.deallocate() }

    /// The index of the first bucket whose bound is >= `value` (`count` for +Inf):
    /// the number of bounds below `value`. `value` must not be NaN.
    @inline(__always)
    static func index(of value: Double, in bounds: UnsafePointer<Double>, count: Int) -> Int {
        if count <= 16 {
            var index = 0
            while index < count, value > bounds[index] { index += 1 }
            return index
        }
        // Branch-free binary search: the comparison picks the half with a conditional move.
        var base = 0
        var length = count
        while length > 1 {
            let half = length / 2
            base = bounds[base + half] < value ? base + half : base
            length -= half
        }
        return base + (bounds[base] < value ? 1 : 0)
    }
}

import Lookout

/// Histogram bucket bounds as declared, validated when the catalog is checked or the
/// histogram registered (so a declaration never throws).
///
/// Write bounds in the histogram's base unit: `[0.005, 0.01, 0.1, 1]` for seconds.
public struct BucketLayout: Sendable, Hashable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private enum Storage: Sendable, Hashable {
        case explicit([Double])
        case linear(start: Double, width: Double, count: Int)
        case exponential(start: Double, factor: Double, count: Int)
    }
    private let storage: Storage

    private init(storage: Storage) { self.storage = storage }

    /// Explicit upper bounds, ascending; `+Inf` is implicit.
    public init(_ upperBounds: [Double]) { storage = .explicit(upperBounds) }

    /// Explicit upper bounds from an array literal.
    public init(arrayLiteral elements: Double...) { storage = .explicit(elements) }

    /// The bounds of an existing `Buckets` layout.
    public init(_ buckets: Buckets) { storage = .explicit(buckets.upperBounds) }

    /// Prometheus' default latency buckets, 5 ms to 10 s (`Buckets/default`).
    public static let `default` = BucketLayout(Buckets.default)

    /// `count` bounds `width` apart, starting at `start`.
    public static func linear(start: Double, width: Double, count: Int) -> BucketLayout {
        BucketLayout(storage: .linear(start: start, width: width, count: count))
    }

    /// `count` bounds starting at `start`, each `factor` times the previous.
    public static func exponential(start: Double, factor: Double, count: Int) -> BucketLayout {
        BucketLayout(storage: .exponential(start: start, factor: factor, count: count))
    }

    /// The validated layout.
    ///
    /// - Throws: `MetricError/Code/invalidBuckets` if the bounds are empty, not finite or
    ///   not strictly increasing.
    public func resolve() throws(MetricError) -> Buckets {
        switch storage {
        case .explicit(let bounds): return try Buckets(bounds)
        case .linear(let start, let width, let count): return try Buckets.linear(start: start, width: width, count: count)
        case .exponential(let start, let factor, let count): return try Buckets.exponential(start: start, factor: factor, count: count)
        }
    }

    /// The bounds, or the generator call that produces them.
    public var description: String {
        switch storage {
        case .explicit(let bounds): return bounds.map { PromQLText.number($0) }.joined(separator: ", ")
        case .linear(let start, let width, let count): return "linear(start: \(start), width: \(width), count: \(count))"
        case .exponential(let start, let factor, let count): return "exponential(start: \(start), factor: \(factor), count: \(count))"
        }
    }
}

import Synchronization

/// A reference from a sample to a trace: labels such as `trace_id` and `span_id`, the
/// observed value and when it was observed. Exposed only in OpenMetrics.
public struct Exemplar: Sendable, Hashable {
    /// The exemplar's labels, for example `trace_id` and `span_id`.
    public let labels: ExemplarLabels
    /// The value that was recorded (the increment, or the observation).
    public let value: Double
    /// When it was recorded, in seconds since the Unix epoch.
    public let timestamp: Double?

    /// An exemplar for custom collectors' snapshots.
    public init(labels: ExemplarLabels, value: Double, timestamp: Double? = nil) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}

/// Validated exemplar labels: valid names, and at most 128 UTF-8 characters of names and
/// values together, as OpenMetrics requires.
public struct ExemplarLabels: Sendable, Hashable {
    /// The labels.
    public let labels: Labels

    /// The OpenMetrics limit on the combined length of exemplar label names and values.
    public static let maximumLength = 128

    /// Labels from `(name, value)` pairs.
    ///
    /// - Throws: ``MetricError/Code/invalidExemplar`` if a name is invalid or the labels
    ///   are longer than ``maximumLength`` characters in total.
    public init(_ pairs: KeyValuePairs<String, String>) throws(MetricError) {
        let length = pairs.reduce(0) { $0 + $1.key.unicodeScalars.count + $1.value.unicodeScalars.count }
        guard length <= Self.maximumLength else {
            throw MetricError(.invalidExemplar, metric: "",
                              "exemplar labels are \(length) characters long; OpenMetrics allows at most \(Self.maximumLength) for names and values together")
        }
        do {
            labels = try Labels(pairs)
        } catch {
            throw MetricError(.invalidExemplar, metric: "", "exemplar \(error.message)")
        }
    }

    /// The W3C trace-context pair `trace_id`/`span_id`.
    public static func trace(id traceID: String, span spanID: String) throws(MetricError) -> ExemplarLabels {
        try ExemplarLabels(["trace_id": traceID, "span_id": spanID])
    }
}

/// The latest exemplar per bucket of one series, set rarely, read at scrape time.
final class ExemplarSlots: Sendable {
    private let slots: Mutex<[Exemplar?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ exemplar: Exemplar, at index: Int) {
        slots.withLock { $0[index] = exemplar }
    }

    var all: [Exemplar?] { slots.withLock { $0 } }
}

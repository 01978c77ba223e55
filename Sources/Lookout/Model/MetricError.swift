/// Why Lookout refused a metric name, label, bucket layout, registration or value.
///
/// Every error names the metric and says how to fix it, for example:
/// `metric 'http_request_duration_ms': unit 'seconds' requires the name to end in '_seconds'; rename it to 'http_request_duration_seconds'`.
/// `code` is bounded, so it is safe to count errors by it.
public struct MetricError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of metric errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case invalidName, invalidLabelName, reservedLabelName, duplicateLabelName, unitMismatch
            case missingHelp, labelCountMismatch, invalidBuckets, invalidStates, conflictingRegistration
            case nameCollision, invalidExemplar, invalidValue
        }
        fileprivate let kind: Kind

        /// A metric name that is empty, has characters outside `[a-zA-Z0-9_]`, starts with a
        /// digit or `__`, or ends in a suffix the exposition formats reserve.
        public static let invalidName = Code(kind: .invalidName)
        /// A label name that is empty or has characters outside `[a-zA-Z0-9_]`.
        public static let invalidLabelName = Code(kind: .invalidLabelName)
        /// A label name the format reserves (`__*`, `quantile`, `le` on histograms, the
        /// family name on state sets).
        public static let reservedLabelName = Code(kind: .reservedLabelName)
        /// The same label name twice in one family.
        public static let duplicateLabelName = Code(kind: .duplicateLabelName)
        /// A unit whose name is not the metric name's suffix.
        public static let unitMismatch = Code(kind: .unitMismatch)
        /// An empty help text.
        public static let missingHelp = Code(kind: .missingHelp)
        /// A label lookup with a different number of values than the family has names.
        public static let labelCountMismatch = Code(kind: .labelCountMismatch)
        /// Histogram buckets that are empty, unsorted, duplicated or NaN.
        public static let invalidBuckets = Code(kind: .invalidBuckets)
        /// State-set states that are empty, duplicated, or more than 64.
        public static let invalidStates = Code(kind: .invalidStates)
        /// A name registered again with a different type, help, unit, label names, buckets or
        /// states; the message names each field that differs, with both values.
        public static let conflictingRegistration = Code(kind: .conflictingRegistration)
        /// Two families whose exposed sample names would overlap (`foo_count` vs histogram `foo`).
        public static let nameCollision = Code(kind: .nameCollision)
        /// An exemplar with invalid label names or more than 128 characters of labels.
        public static let invalidExemplar = Code(kind: .invalidExemplar)
        /// A value the metric cannot take (a NaN, or an unknown state).
        public static let invalidValue = Code(kind: .invalidValue)

        public var description: String { kind.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// The metric family the problem is about.
    public let metric: String
    /// What was wrong and how to fix it.
    public let message: String

    /// Creates an error about `metric`.
    public init(_ code: Code, metric: String, _ message: String) {
        self.code = code
        self.metric = metric
        self.message = message
    }

    public var description: String { "metric '\(metric)': \(message)" }
}

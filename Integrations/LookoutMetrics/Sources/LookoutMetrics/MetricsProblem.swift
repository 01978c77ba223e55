/// Something a swift-metrics call asked for that Lookout could not do exactly as asked,
/// and what the backend did instead. Never a crash: each is handled as documented on
/// ``Kind`` and reported once (see ``LookoutMetricsFactory/problems``), and every
/// occurrence is counted in `lookout_metrics_problems_total{kind="…"}`.
public struct MetricsProblem: Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. An open set: new kinds may be added.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kind's name, also the `kind` label of `lookout_metrics_problems_total`.
        public let rawValue: String

        /// A kind from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Two different swift-metrics labels sanitise to the same metric name; both
        /// record into the first one's family.
        public static let nameCollision = Kind(rawValue: "name_collision")
        /// Two dimension keys of one metric sanitise to the same label name; the later
        /// one gets a `_2` (`_3`, …) suffix.
        public static let labelCollision = Kind(rawValue: "label_collision")
        /// A metric was recorded with other dimension keys than its first use: keys the
        /// family lacks are dropped, keys it has but the call lacks are empty labels.
        public static let dimensionMismatch = Kind(rawValue: "dimension_mismatch")
        /// The same name is already a family of another type (or the registry refused
        /// it); the metric is registered under the name with a type suffix instead.
        public static let typeConflict = Kind(rawValue: "type_conflict")
        /// No name could be registered; the metric records into a family that is not
        /// exposed.
        public static let rejected = Kind(rawValue: "rejected")
        /// A family reached ``LookoutMetricsFactory/Configuration/maximumSeriesPerFamily``;
        /// further new dimension values record into one series whose labels are all
        /// `__overflow__`.
        public static let seriesLimit = Kind(rawValue: "series_limit")
        /// A value a counter or timer cannot take (negative, NaN, infinite); ignored.
        public static let invalidValue = Kind(rawValue: "invalid_value")

        public var description: String { rawValue }
    }

    /// What went wrong.
    public let kind: Kind
    /// The swift-metrics label of the metric concerned, as given.
    public let label: String
    /// What was done about it, naming the names involved.
    public let detail: String

    /// A problem report.
    public init(kind: Kind, label: String, detail: String) {
        self.kind = kind
        self.label = label
        self.detail = detail
    }

    public var description: String { "\(kind) for '\(label)': \(detail)" }
}

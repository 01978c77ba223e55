import Lookout

extension LookoutMetricsFactory {
    /// How swift-metrics metrics become Lookout families.
    public struct Configuration: Sendable {
        /// Buckets of timer histograms (in seconds) whose label has no entry in
        /// ``timerBuckets``. Prometheus' defaults, 5 ms to 10 s, if not set.
        public var defaultTimerBuckets: Buckets = .default
        /// Buckets per timer, by swift-metrics label as given (before sanitising).
        public var timerBuckets: [String: Buckets] = [:]
        /// Buckets of recorders created with `aggregate: true` whose label has no entry
        /// in ``recorderBuckets``.
        public var defaultRecorderBuckets: Buckets = .default
        /// Buckets per aggregating recorder, by swift-metrics label as given.
        public var recorderBuckets: [String: Buckets] = [:]
        /// The most series a family gets from distinct dimension values; later new
        /// values record into one series labelled `__overflow__` (reported as
        /// ``MetricsProblem/Kind/seriesLimit``). Concurrent first uses may exceed it by
        /// the number of threads doing so. Default 2,000.
        public var maximumSeriesPerFamily = 2_000
        /// Called once per distinct ``MetricsProblem``, on the recording thread, outside
        /// any lock. Log it; the factory itself never prints.
        public var onProblem: (@Sendable (MetricsProblem) -> Void)?

        /// The defaults described on each property.
        public init() {}
    }
}

/// Registration of each metric type, by descriptor or by name.
///
/// The `…Family` methods return a labelled family; the shortcuts without `Family` register
/// a family with no labels and return its single series.
extension Registry {
    // MARK: Counters

    /// Registers (or returns the identical, already registered) counter family.
    public func counterFamily(_ descriptor: MetricDescriptor) throws(MetricError) -> CounterFamily {
        try register(descriptor, expecting: .counter, configuration: .plain) { Counter(renderedLabels: $0, labelHash: $1) }
    }

    /// Registers a counter family; `name` may end in `_total` or not.
    public func counterFamily(_ name: String, help: String, unit: MetricUnit? = nil, labelNames: [String]) throws(MetricError) -> CounterFamily {
        try counterFamily(MetricDescriptor(name: name, help: help, type: .counter, unit: unit, labelNames: labelNames))
    }

    /// Registers a counter without labels and returns it.
    public func counter(_ name: String, help: String, unit: MetricUnit? = nil) throws(MetricError) -> Counter {
        try counterFamily(name, help: help, unit: unit, labelNames: []).soleSeries
    }

    // MARK: Gauges

    /// Registers (or returns the identical, already registered) gauge family.
    public func gaugeFamily(_ descriptor: MetricDescriptor) throws(MetricError) -> GaugeFamily {
        try register(descriptor, expecting: .gauge, configuration: .plain) { Gauge(renderedLabels: $0, labelHash: $1) }
    }

    /// Registers a gauge family.
    public func gaugeFamily(_ name: String, help: String, unit: MetricUnit? = nil, labelNames: [String]) throws(MetricError) -> GaugeFamily {
        try gaugeFamily(MetricDescriptor(name: name, help: help, type: .gauge, unit: unit, labelNames: labelNames))
    }

    /// Registers a gauge without labels and returns it.
    public func gauge(_ name: String, help: String, unit: MetricUnit? = nil) throws(MetricError) -> Gauge {
        try gaugeFamily(name, help: help, unit: unit, labelNames: []).soleSeries
    }

    // MARK: Histograms

    /// Registers (or returns the identical, already registered) histogram family.
    public func histogramFamily(_ descriptor: MetricDescriptor, buckets: Buckets) throws(MetricError) -> HistogramFamily {
        try register(descriptor, expecting: .histogram, configuration: .buckets(buckets)) {
            Histogram(buckets: buckets, renderedLabels: $0, labelHash: $1)
        }
    }

    /// Registers a histogram family with `buckets` (Prometheus' defaults if omitted).
    public func histogramFamily(_ name: String, help: String, unit: MetricUnit? = nil, buckets: Buckets = .default,
                                labelNames: [String]) throws(MetricError) -> HistogramFamily {
        try histogramFamily(MetricDescriptor(name: name, help: help, type: .histogram, unit: unit, labelNames: labelNames), buckets: buckets)
    }

    /// Registers a histogram without labels and returns it.
    public func histogram(_ name: String, help: String, unit: MetricUnit? = nil, buckets: Buckets = .default) throws(MetricError) -> Histogram {
        try histogramFamily(name, help: help, unit: unit, buckets: buckets, labelNames: []).soleSeries
    }

    // MARK: Info

    /// Registers (or returns the identical, already registered) info family.
    public func infoFamily(_ descriptor: MetricDescriptor) throws(MetricError) -> InfoFamily {
        try register(descriptor, expecting: .info, configuration: .plain) { Info(renderedLabels: $0, labelHash: $1) }
    }

    /// Registers an info family; `name` may end in `_info` or not. Each distinct set of
    /// label values you look up becomes a series.
    public func infoFamily(_ name: String, help: String, labelNames: [String]) throws(MetricError) -> InfoFamily {
        try infoFamily(MetricDescriptor(name: name, help: help, type: .info, labelNames: labelNames))
    }

    /// Registers an info metric with one series carrying `labels`, for example
    /// `["version": "1.4.0", "commit": "9f2c1e0"]`.
    @discardableResult
    public func info(_ name: String, help: String, labels: KeyValuePairs<String, String>) throws(MetricError) -> Info {
        try infoFamily(name, help: help, labelNames: labels.map(\.key)).child(labelValues: labels.map(\.value))
    }

    // MARK: State sets

    /// Registers (or returns the identical, already registered) state-set family.
    ///
    /// - Throws: ``MetricError/Code/invalidStates`` if `states` is empty, has duplicates
    ///   or more than 64 entries.
    public func stateSetFamily(_ descriptor: MetricDescriptor, states: [String]) throws(MetricError) -> StateSetFamily {
        guard !states.isEmpty, states.count <= 64, Set(states).count == states.count else {
            throw MetricError(.invalidStates, metric: descriptor.name, "a state set needs 1 to 64 distinct states, got \(states)")
        }
        return try register(descriptor, expecting: .stateSet, configuration: .states(states)) {
            StateSet(states: states, renderedLabels: $0, labelHash: $1)
        }
    }

    /// Registers a state-set family.
    public func stateSetFamily(_ name: String, help: String, states: [String], labelNames: [String]) throws(MetricError) -> StateSetFamily {
        try stateSetFamily(MetricDescriptor(name: name, help: help, type: .stateSet, labelNames: labelNames), states: states)
    }

    /// Registers a state set without labels and returns it.
    public func stateSet(_ name: String, help: String, states: [String]) throws(MetricError) -> StateSet {
        try stateSetFamily(name, help: help, states: states, labelNames: []).soleSeries
    }
}

extension MetricFamily {
    /// The single series of a family without labels.
    var soleSeries: Child {
        withUnsafeTemporaryAllocation(of: StringWords.self, capacity: 0) { child($0) }
    }
}

import Lookout

// Registration: the declaration that generates dashboards and rules also creates the live
// family, so the metric's name exists in exactly one place. Registering twice returns the
// already registered family (the registry compares descriptors).

extension CounterDeclaration {
    /// Registers the counter family in `registry` (or returns the identical one already
    /// registered).
    ///
    /// - Throws: `MetricError` if the declaration is invalid or conflicts with a
    ///   registered family of the same name.
    public func register(in registry: Registry) throws(MetricError) -> CounterFamily {
        try registry.counterFamily(metric.descriptor())
    }
}

extension CounterDeclaration {
    /// Registers a counter declared without labels and returns its single series.
    ///
    /// - Throws: `MetricError` if the declaration is invalid, conflicts, or declares
    ///   labels (use ``register(in:)`` and `labels(...)` then).
    public func registerSeries(in registry: Registry) throws(MetricError) -> Counter {
        try register(in: registry).child(labelValues: [])
    }
}

extension GaugeDeclaration {
    /// Registers a gauge declared without labels and returns its single series.
    ///
    /// - Throws: `MetricError` if the declaration is invalid, conflicts, or declares labels.
    public func registerSeries(in registry: Registry) throws(MetricError) -> Gauge {
        try register(in: registry).child(labelValues: [])
    }
}

extension HistogramDeclaration {
    /// Registers a histogram declared without labels and returns its single series.
    ///
    /// - Throws: `MetricError` if the declaration is invalid, conflicts, or declares labels.
    public func registerSeries(in registry: Registry) throws(MetricError) -> Histogram {
        try register(in: registry).child(labelValues: [])
    }
}

extension GaugeDeclaration {
    /// Registers the gauge family in `registry` (or returns the identical one).
    ///
    /// - Throws: `MetricError` if the declaration is invalid or conflicts.
    public func register(in registry: Registry) throws(MetricError) -> GaugeFamily {
        try registry.gaugeFamily(metric.descriptor())
    }
}

extension HistogramDeclaration {
    /// Registers the histogram family with the declared buckets in `registry` (or
    /// returns the identical one).
    ///
    /// - Throws: `MetricError` if the declaration or its buckets are invalid, or it
    ///   conflicts.
    public func register(in registry: Registry) throws(MetricError) -> HistogramFamily {
        let descriptor = try metric.descriptor()
        let buckets: Buckets
        do {
            buckets = try (metric.buckets ?? .default).resolve()
        } catch {
            throw MetricError(error.code, metric: metric.name, error.message)
        }
        return try registry.histogramFamily(descriptor, buckets: buckets)
    }
}

extension InfoDeclaration {
    /// Registers the info family in `registry` (or returns the identical one).
    ///
    /// - Throws: `MetricError` if the declaration is invalid or conflicts.
    public func register(in registry: Registry) throws(MetricError) -> InfoFamily {
        try registry.infoFamily(metric.descriptor())
    }
}

extension StateSetDeclaration {
    /// Registers the state-set family with the declared states in `registry` (or returns
    /// the identical one).
    ///
    /// - Throws: `MetricError` if the declaration or its states are invalid, or it
    ///   conflicts.
    public func register(in registry: Registry) throws(MetricError) -> StateSetFamily {
        try registry.stateSetFamily(metric.descriptor(), states: metric.states)
    }
}

extension MetricCatalog {
    /// Registers every declared metric in `registry`, so all of them are exposed from the
    /// first scrape (before any code path has touched them).
    ///
    /// - Throws: the first `MetricError`; declarations registered before it stay
    ///   registered.
    public func register(in registry: Registry) throws(MetricError) {
        for declaration in metrics {
            _ = try declaration.register(in: registry)
        }
    }
}

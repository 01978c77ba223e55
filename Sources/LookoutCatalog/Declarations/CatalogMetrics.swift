import Lookout

/// The live metrics of one ``CatalogDeclarations`` type, registered in one `Registry` and
/// looked up by their declarations: the metric holder of an instrumented module, with
/// nothing to list twice.
///
/// Every stored declaration of `Declarations` is registered when the holder is created (so
/// all are exposed from the first scrape). A member named like a declaration returns its
/// live family, or for a declaration without labels its single series, typed by the use:
///
/// ```swift
/// let metrics = try CatalogMetrics<HTTPMetrics>(registry: registry)
/// metrics.requests.labels("GET", "/items", "200").inc()   // CounterFamily
/// metrics.inFlight.inc()                                  // Gauge (no labels)
/// ```
///
/// A lookup costs a key-path read and a dictionary access by name: resolve the families a
/// hot path records into once (`let requests: CounterFamily = metrics.requests`) and keep
/// them. Asking a labelled declaration for its single series, or for a declaration of
/// another type, is a programming error, stopped by a precondition naming it.
///
/// Thread-safety: `Sendable`; the holder is immutable and the families and series it
/// hands out are safe to record into from any thread.
@dynamicMemberLookup
public struct CatalogMetrics<Declarations: CatalogDeclarations>: Sendable {
    private let storage: Storage
    /// The declarations the member lookups read.
    private let declarations: Declarations

    /// Registers every stored declaration of `Declarations` in `registry` (reusing the
    /// identical families already there).
    ///
    /// - Throws: `MetricError` if a declaration is invalid or conflicts with a registered
    ///   family of the same name.
    public init(registry: Registry) throws(MetricError) {
        declarations = Declarations.declared
        var storage = Storage(declarations: "\(Declarations.self)")
        for (_, declaration) in Declarations.metricDeclarations {
            let name = declaration.metric.name
            let unlabelled = declaration.metric.labelNames.isEmpty
            switch declaration {
            case let counter as CounterDeclaration:
                let family = try counter.register(in: registry)
                storage.counters[name] = family
                if unlabelled { storage.counterSeries[name] = try family.child(labelValues: []) }
            case let gauge as GaugeDeclaration:
                let family = try gauge.register(in: registry)
                storage.gauges[name] = family
                if unlabelled { storage.gaugeSeries[name] = try family.child(labelValues: []) }
            case let histogram as HistogramDeclaration:
                let family = try histogram.register(in: registry)
                storage.histograms[name] = family
                if unlabelled { storage.histogramSeries[name] = try family.child(labelValues: []) }
            case let info as InfoDeclaration:
                storage.infos[name] = try info.register(in: registry)
            case let stateSet as StateSetDeclaration:
                let family = try stateSet.register(in: registry)
                storage.stateSets[name] = family
                if unlabelled { storage.stateSetSeries[name] = try family.child(labelValues: []) }
            default:
                _ = try declaration.register(in: registry)
            }
        }
        self.storage = storage
    }

    // MARK: Families

    /// The live family of a counter declaration.
    public func family(_ declaration: CounterDeclaration) -> CounterFamily { storage.find(\.counters, declaration) }
    /// The live family of a gauge declaration.
    public func family(_ declaration: GaugeDeclaration) -> GaugeFamily { storage.find(\.gauges, declaration) }
    /// The live family of a histogram declaration.
    public func family(_ declaration: HistogramDeclaration) -> HistogramFamily { storage.find(\.histograms, declaration) }
    /// The live family of an info declaration.
    public func family(_ declaration: InfoDeclaration) -> InfoFamily { storage.find(\.infos, declaration) }
    /// The live family of a state-set declaration.
    public func family(_ declaration: StateSetDeclaration) -> StateSetFamily { storage.find(\.stateSets, declaration) }

    // MARK: Single series (declarations without labels)

    /// The single series of a counter declared without labels.
    public func series(_ declaration: CounterDeclaration) -> Counter { storage.find(\.counterSeries, declaration, single: true) }
    /// The single series of a gauge declared without labels.
    public func series(_ declaration: GaugeDeclaration) -> Gauge { storage.find(\.gaugeSeries, declaration, single: true) }
    /// The single series of a histogram declared without labels.
    public func series(_ declaration: HistogramDeclaration) -> Histogram { storage.find(\.histogramSeries, declaration, single: true) }
    /// The single series of a state set declared without labels.
    public func series(_ declaration: StateSetDeclaration) -> StateSet { storage.find(\.stateSetSeries, declaration, single: true) }

    // MARK: By member name

    /// The family of the counter `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, CounterDeclaration>) -> CounterFamily {
        family(declarations[keyPath: path])
    }
    /// The single series of the unlabelled counter `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, CounterDeclaration>) -> Counter {
        series(declarations[keyPath: path])
    }
    /// The family of the gauge `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, GaugeDeclaration>) -> GaugeFamily {
        family(declarations[keyPath: path])
    }
    /// The single series of the unlabelled gauge `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, GaugeDeclaration>) -> Gauge {
        series(declarations[keyPath: path])
    }
    /// The family of the histogram `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, HistogramDeclaration>) -> HistogramFamily {
        family(declarations[keyPath: path])
    }
    /// The single series of the unlabelled histogram `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, HistogramDeclaration>) -> Histogram {
        series(declarations[keyPath: path])
    }
    /// The family of the info metric `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, InfoDeclaration>) -> InfoFamily {
        family(declarations[keyPath: path])
    }
    /// The family of the state set `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, StateSetDeclaration>) -> StateSetFamily {
        family(declarations[keyPath: path])
    }
    /// The single series of the unlabelled state set `Declarations.<member>`.
    public subscript(dynamicMember path: KeyPath<Declarations, StateSetDeclaration>) -> StateSet {
        series(declarations[keyPath: path])
    }

    /// The registered families and series by metric name, one table per type so lookups
    /// need no casts; immutable once built.
    private struct Storage: Sendable {
        let declarations: String
        var counters: [String: CounterFamily] = [:]
        var counterSeries: [String: Counter] = [:]
        var gauges: [String: GaugeFamily] = [:]
        var gaugeSeries: [String: Gauge] = [:]
        var histograms: [String: HistogramFamily] = [:]
        var histogramSeries: [String: Histogram] = [:]
        var infos: [String: InfoFamily] = [:]
        var stateSets: [String: StateSetFamily] = [:]
        var stateSetSeries: [String: StateSet] = [:]

        init(declarations: String) { self.declarations = declarations }

        @inline(__always)
        func find<Value>(_ table: KeyPath<Storage, [String: Value]>, _ declaration: some MetricDeclaration,
                         single: Bool = false) -> Value {
            if let value = self[keyPath: table][declaration.metric.name] { return value }
            missing(declaration.metric, single: single)
        }

        private func missing(_ metric: DeclaredMetric, single: Bool) -> Never {
            if single, !metric.labelNames.isEmpty {
                preconditionFailure("metric \(metric.name) declares labels: use its family and labels(...), not a single series")
            }
            preconditionFailure("metric \(metric.name) is not a stored declaration of \(declarations): look it up in its own type's holder")
        }
    }
}

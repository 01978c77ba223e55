import CoreMetrics
import Lookout
import Synchronization

/// A swift-metrics backend that records into a Lookout ``Lookout/Registry``.
///
/// ```swift
/// let registry = Registry()
/// MetricsSystem.bootstrap(LookoutMetricsFactory(registry: registry))
/// // Anything recording through swift-metrics now appears in
/// // registry.exposition(format: .prometheusText).
/// ```
///
/// | swift-metrics | Lookout family | name |
/// | --- | --- | --- |
/// | `Counter`, `FloatingPointCounter` | counter | label (`_total` in samples) |
/// | `Meter`, `Recorder(aggregate: false)` | gauge | label |
/// | `Recorder(aggregate: true)` | histogram (``Configuration/recorderBuckets``) | label |
/// | `Timer` | histogram in seconds (``Configuration/timerBuckets``) | label + `_seconds` |
///
/// Labels and dimension keys are sanitised by ``PrometheusNames``; dimensions become
/// labels in the order of a metric's first use. Later uses with other keys, name
/// collisions, type conflicts, invalid values and too many series are handled as each
/// ``MetricsProblem/Kind`` documents: never a crash, each reported once through
/// ``Configuration/onProblem`` and ``problems``, and counted in
/// `lookout_metrics_problems_total`.
///
/// `destroy*` stops exposing the handle's series; the next `make*` with the same
/// dimensions starts a new one. Handles created separately for the same series share it.
///
/// Thread-safety: safe from any thread. Recording through a handle is lock-free; `make*`
/// takes the factory's lock for a dictionary lookup, then looks the series up lock-free.
public final class LookoutMetricsFactory: MetricsFactory {
    /// The registry metrics are recorded into.
    public let registry: Registry
    /// The configuration the factory was created with.
    public let configuration: Configuration
    let problemLog: ProblemLog
    private let directory = Mutex(Directory())

    /// A factory recording into `registry`.
    public init(registry: Registry, configuration: Configuration = Configuration()) {
        self.registry = registry
        self.configuration = configuration
        self.problemLog = ProblemLog(registry: registry, onProblem: configuration.onProblem)
    }

    /// Every distinct problem reported so far, in the order first seen.
    public var problems: [MetricsProblem] { problemLog.all }

    // MARK: MetricsFactory

    public func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler {
        let slot = slot(label, dimensions, kind: .counter) { name, help, labelNames throws(MetricError) in
            try self.registry.counterFamily(name, help: help, labelNames: labelNames)
        }
        return CounterHandle(slot: slot, values: slot.values(for: dimensions, label: label))
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> FloatingPointCounterHandler {
        let slot = slot(label, dimensions, kind: .counter) { name, help, labelNames throws(MetricError) in
            try self.registry.counterFamily(name, help: help, labelNames: labelNames)
        }
        return CounterHandle(slot: slot, values: slot.values(for: dimensions, label: label))
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> MeterHandler {
        let slot = slot(label, dimensions, kind: .gauge) { name, help, labelNames throws(MetricError) in
            try self.registry.gaugeFamily(name, help: help, labelNames: labelNames)
        }
        return GaugeHandle(slot: slot, values: slot.values(for: dimensions, label: label))
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler {
        if aggregate {
            let slot: FamilySlot<Lookout.Histogram> = slot(label, dimensions, kind: .histogram) { name, help, labelNames throws(MetricError) in
                let buckets = self.configuration.recorderBuckets[label] ?? self.configuration.defaultRecorderBuckets
                return try self.registry.histogramFamily(name, help: help, buckets: buckets, labelNames: labelNames)
            }
            return HistogramHandle(slot: slot, values: slot.values(for: dimensions, label: label))
        }
        let slot = slot(label, dimensions, kind: .gauge) { name, help, labelNames throws(MetricError) in
            try self.registry.gaugeFamily(name, help: help, labelNames: labelNames)
        }
        return GaugeHandle(slot: slot, values: slot.values(for: dimensions, label: label))
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler {
        let slot: FamilySlot<Lookout.Histogram> = slot(label, dimensions, kind: .timer) { name, help, labelNames throws(MetricError) in
            let buckets = self.configuration.timerBuckets[label] ?? self.configuration.defaultTimerBuckets
            return try self.registry.histogramFamily(name, help: help, unit: .seconds, buckets: buckets, labelNames: labelNames)
        }
        return HistogramHandle(slot: slot, values: slot.values(for: dimensions, label: label))
    }

    public func destroyCounter(_ handler: CounterHandler) { release(handler) }
    public func destroyFloatingPointCounter(_ handler: FloatingPointCounterHandler) { release(handler) }
    public func destroyMeter(_ handler: MeterHandler) { release(handler) }
    public func destroyRecorder(_ handler: RecorderHandler) { release(handler) }
    public func destroyTimer(_ handler: TimerHandler) { release(handler) }

    private func release(_ handler: AnyObject) {
        (handler as? ReleasableHandle)?.release()
    }

    // MARK: Families

    /// The slot for `label`, registering its family on first use.
    private func slot<Child: Series>(_ label: String, _ dimensions: [(String, String)], kind: Kind,
                                     register: Registration<Child>) -> FamilySlot<Child> {
        let key = Directory.Key(kind: kind, label: label)
        return directory.withLock { directory in
            // The kind decides the slot's type: a counter key always holds a counter slot.
            if let existing = directory.slots[key] { return unsafeDowncast(existing, to: FamilySlot<Child>.self) }
            let name = kind.familyName(PrometheusNames.metricName(label))
            let slot: FamilySlot<Child>
            let claim = "\(kind.rawValue) \(name)"
            if let claimed = directory.claims[claim] as? FamilySlot<Child> {
                problemLog.report(MetricsProblem(kind: .nameCollision, label: label,
                                                 detail: "sanitises to '\(name)' like '\(claimed.label)'; both record into that family"))
                slot = claimed
            } else {
                slot = self.register(label, name: name, dimensions: dimensions, kind: kind, with: register)
                directory.claims[claim] = slot
            }
            directory.slots[key] = slot
            return slot
        }
    }

    /// Registers a family named `name`, or its fallback name, or failing both an
    /// unexposed one; never fails.
    private func register<Child: Series>(_ label: String, name: String, dimensions: [(String, String)], kind: Kind,
                                         with register: Registration<Child>) -> FamilySlot<Child> {
        let keys = dimensions.map(\.0)
        let labelNames = uniqueLabelNames(keys, label: label)
        let help = "swift-metrics \(kind.rawValue) '\(label)'."
        for (attempt, candidate) in [name, kind.fallbackName(name)].enumerated() {
            do throws(MetricError) {
                let family = try register(candidate, help, labelNames)
                if attempt > 0 {
                    problemLog.report(MetricsProblem(kind: .typeConflict, label: label,
                                                     detail: "'\(name)' is taken by another family or type; registered as '\(candidate)'"))
                }
                return FamilySlot(family: family, label: label, keys: keys, limit: max(1, configuration.maximumSeriesPerFamily), problems: problemLog)
            } catch {
                continue
            }
        }
        problemLog.report(MetricsProblem(kind: .rejected, label: label,
                                         detail: "neither '\(name)' nor '\(kind.fallbackName(name))' could be registered; recorded but not exposed"))
        // Recorded into a family of its own: valid, sanitised names that cannot collide.
        let family = try! MetricFamily<Child>.unexposed(kind: kind, labelNames: labelNames)
        return FamilySlot(family: family, label: label, keys: keys, limit: max(1, configuration.maximumSeriesPerFamily), problems: problemLog)
    }

    /// Sanitised label names for `keys`, made unique with `_2`, `_3`, … suffixes.
    private func uniqueLabelNames(_ keys: [String], label: String) -> [String] {
        var used = Set<String>()
        return keys.map { key in
            let base = PrometheusNames.labelName(key)
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            if name != base {
                problemLog.report(MetricsProblem(kind: .labelCollision, label: label,
                                                 detail: "dimension '\(key)' sanitises to '\(base)', already used by another dimension; labelled '\(name)'"))
            }
            used.insert(name)
            return name
        }
    }
}

/// Registers a family: name, help, label names.
typealias Registration<Child: Series> = (String, String, [String]) throws(MetricError) -> MetricFamily<Child>

/// The factory's families by kind and swift-metrics label.
struct Directory {
    struct Key: Hashable {
        let kind: Kind
        let label: String
    }

    var slots: [Key: AnyObject] = [:]
    /// The slot that first claimed each "kind name" pair of sanitised names.
    var claims: [String: AnyObject] = [:]
}

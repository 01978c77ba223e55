import Synchronization

/// A set of metric families and collectors that are exposed together, for example on
/// one `/metrics` endpoint.
///
/// ```swift
/// let registry = Registry()
/// let requests = try registry.counterFamily("http_requests_total", help: "HTTP requests served.", labelNames: ["method", "status"])
/// requests.labels("GET", "200").inc()
/// let body = registry.exposition(format: .prometheusText)
/// ```
///
/// Registering a family whose descriptor (and buckets or states) equals one already
/// registered returns the existing family, so independent parts of a program can declare
/// the same metric. The same name with any difference, or a family whose sample names
/// would collide with another's (`foo_count` beside histogram `foo`), is an error.
///
/// Thread-safety: safe from any thread. Registration takes the registry's lock;
/// recording into a family or series never does.
public final class Registry: Sendable {
    struct FamilyEntry {
        let core: FamilyCore
        let family: AnyObject
        let configuration: FamilyConfiguration
    }

    enum FamilyConfiguration: Hashable {
        case plain
        case buckets(Buckets)
        case states([String])
    }

    struct State {
        /// Families by name, and the family names collectors own.
        var families: [String: FamilyEntry] = [:]
        var collectors: [Int: (descriptors: [MetricDescriptor], collector: any Collector)] = [:]
        /// Exposed sample name → owning family name, for collision checks.
        var sampleOwners: [String: String] = [:]
        var nextCollectorID = 0
        /// Families sorted by name; rebuilt on every (un)registration.
        var ordered: [FamilyCore] = []
        /// Collectors in registration order; rebuilt with `ordered`.
        var orderedCollectors: [(descriptors: [MetricDescriptor], collector: any Collector)] = []
    }

    let state = Mutex(State())

    /// An empty registry.
    public init() {}

    // MARK: Registration

    func register<Child: Series>(
        _ descriptor: MetricDescriptor,
        expecting type: MetricType,
        configuration: FamilyConfiguration,
        makeSeries: @escaping @Sendable ([UInt8], UInt64) -> Child
    ) throws(MetricError) -> MetricFamily<Child> {
        guard descriptor.type == type else {
            throw MetricError(.conflictingRegistration, metric: descriptor.name,
                              "the descriptor is a \(descriptor.type.rawValue) but was registered as a \(type.rawValue)")
        }
        let result: Result<MetricFamily<Child>, MetricError> = state.withLock { state in
            if let existing = state.families[descriptor.name] {
                if existing.core.descriptor == descriptor, existing.configuration == configuration,
                   let family = existing.family as? MetricFamily<Child> {
                    return .success(family)
                }
                return .failure(Self.conflict(descriptor, configuration, with: existing))
            }
            if let error = Self.collision(descriptor, in: state) { return .failure(error) }
            let core = FamilyCore(descriptor: descriptor, makeSeries: makeSeries)
            let family = MetricFamily<Child>(core: core)
            if descriptor.labelNames.isEmpty { _ = family.soleSeries }
            Self.claim(descriptor, in: &state)
            state.families[descriptor.name] = FamilyEntry(core: core, family: family, configuration: configuration)
            Self.reorder(&state)
            return .success(family)
        }
        return try result.get()
    }

    /// Registers a collector after checking its families against everything registered.
    ///
    /// - Throws: ``MetricError/Code/conflictingRegistration`` or
    ///   ``MetricError/Code/nameCollision`` naming the clashing family.
    @discardableResult
    public func register(_ collector: some Collector) throws(MetricError) -> CollectorRegistration {
        let descriptors = collector.descriptors
        let result: Result<CollectorRegistration, MetricError> = state.withLock { state in
            var seen = Set<String>()
            for descriptor in descriptors {
                if state.families[descriptor.name] != nil || !seen.insert(descriptor.name).inserted {
                    return .failure(MetricError(.conflictingRegistration, metric: descriptor.name, "a family with this name is already registered"))
                }
                if let error = Self.collision(descriptor, in: state) { return .failure(error) }
            }
            for descriptor in descriptors { Self.claim(descriptor, in: &state) }
            let registration = CollectorRegistration(id: state.nextCollectorID)
            state.nextCollectorID += 1
            state.collectors[registration.id] = (descriptors, collector)
            Self.reorder(&state)
            return .success(registration)
        }
        return try result.get()
    }

    /// Removes the family named `name` (as registered, with or without `_total`).
    /// Returns whether it was registered. Existing handles keep working but are no
    /// longer exposed.
    @discardableResult
    public func unregister(_ name: String) -> Bool {
        state.withLock { state in
            let key = state.families[name] != nil ? name : Self.familyName(forRegisteredName: name)
            guard let entry = state.families.removeValue(forKey: key) else { return false }
            for sample in entry.core.descriptor.sampleNames { state.sampleOwners[sample] = nil }
            Self.reorder(&state)
            return true
        }
    }

    /// Removes a collector. Returns whether it was registered.
    @discardableResult
    public func unregister(_ registration: CollectorRegistration) -> Bool {
        state.withLock { state in
            guard let removed = state.collectors.removeValue(forKey: registration.id) else { return false }
            for descriptor in removed.descriptors {
                for sample in descriptor.sampleNames { state.sampleOwners[sample] = nil }
            }
            Self.reorder(&state)
            return true
        }
    }

    private static func familyName(forRegisteredName name: String) -> String {
        for suffix in ["_total", "_info"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    private static func collision(_ descriptor: MetricDescriptor, in state: State) -> MetricError? {
        for sample in descriptor.sampleNames {
            if let owner = state.sampleOwners[sample] {
                return MetricError(.nameCollision, metric: descriptor.name,
                                   "its sample '\(sample)' would collide with family '\(owner)'; rename one of them")
            }
        }
        return nil
    }

    private static func claim(_ descriptor: MetricDescriptor, in state: inout State) {
        for sample in descriptor.sampleNames { state.sampleOwners[sample] = descriptor.name }
    }

    private static func reorder(_ state: inout State) {
        state.ordered = state.families.values.map(\.core).sorted { $0.descriptor.name < $1.descriptor.name }
        state.orderedCollectors = state.collectors.keys.sorted().map { state.collectors[$0]! }
    }

    /// Families in name order and the collectors, copied out of the lock (O(1)
    /// copy-on-write copies).
    var sources: (families: [FamilyCore], collectors: [(descriptors: [MetricDescriptor], collector: any Collector)]) {
        state.withLock { state in
            (state.ordered, state.orderedCollectors)
        }
    }
}

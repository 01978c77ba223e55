/// Everything a ``BybitSimulator`` is created with.
public struct SimulatorConfiguration: Sendable, Hashable {
    /// The listed instruments.
    public var universe: InstrumentUniverse
    /// Rate limiting, latency, faults and headers; adjustable later.
    public var behavior: SimulatorBehavior
    /// What happens to an out-of-range `limit`.
    public var limitPolicy: LimitPolicy

    /// Creates a configuration; the defaults are the realistic universe (``InstrumentUniverse/realistic``), a fault-free
    /// exchange and rejecting out-of-range limits.
    public init(
        universe: InstrumentUniverse = .realistic, behavior: SimulatorBehavior = SimulatorBehavior(),
        limitPolicy: LimitPolicy = .reject
    ) {
        self.universe = universe
        self.behavior = behavior
        self.limitPolicy = limitPolicy
    }
}

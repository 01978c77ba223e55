/// The adaptive share of configured limits, as a pure AIMD state machine: pressure cuts it
/// multiplicatively, calm raises it additively.
///
/// The share starts at 1 (the configured limits). A pressure event at `now` multiplies it
/// by ``Parameters/decrease`` (not below ``Parameters/floor``), at most once per
/// ``Parameters/cooldown`` so a burst of signals counts once. Without pressure, it grows
/// by ``Parameters/increase`` for each full ``Parameters/interval`` since the last cut,
/// up to 1. Time is passed in (µs), so tests drive it exactly.
public struct AdaptiveLimit: Sendable, Hashable {
    /// How fast the share falls and recovers.
    public struct Parameters: Sendable, Hashable {
        /// Factor applied on pressure, in (0, 1). Default 0.5.
        public var decrease: Double = 0.5
        /// Share regained per ``interval`` of calm, in (0, 1]. Default 0.05.
        public var increase: Double = 0.05
        /// Calm time per increase step. Default 2 s.
        public var interval: Duration = .seconds(2)
        /// The lowest share, in (0, 1]. Default 0.1.
        public var floor: Double = 0.1
        /// Least time between two decreases. Default 1 s.
        public var cooldown: Duration = .seconds(1)

        /// The defaults: halve on pressure, regain 5 % every 2 s, never below 10 %.
        public init() {}
    }

    /// What a ``pressure(at:)`` event did.
    public enum Action: Sendable, Hashable {
        /// The share was cut to this value.
        case decreased(to: Double)
        /// Already at the floor: it stays there, and recovery starts over from now.
        case heldAtFloor
        /// Within the cooldown of the last cut: nothing changed.
        case ignoredInCooldown
    }

    /// The parameters.
    public let parameters: Parameters
    private var shareAtCut = 1.0
    private var lastCut: Int64?

    /// A share of 1 with `parameters`.
    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    /// The share of configured limits in force at `now` (µs), from ``Parameters/floor`` to 1.
    public func share(at now: Int64) -> Double {
        guard let lastCut else { return shareAtCut }
        let steps = max(0, now - lastCut) / max(1, RateLimit.microseconds(parameters.interval))
        return min(1, shareAtCut + Double(steps) * parameters.increase)
    }

    /// Records pressure at `now` (µs).
    public mutating func pressure(at now: Int64) -> Action {
        if let lastCut, now - lastCut < RateLimit.microseconds(parameters.cooldown) { return .ignoredInCooldown }
        let current = share(at: now)
        let next = max(parameters.floor, current * parameters.decrease)
        shareAtCut = next
        lastCut = now
        return next < current ? .decreased(to: next) : .heldAtFloor
    }

    /// `limit` scaled by the share at `now`, at least 1.
    public func effectiveLimit(_ limit: Int, at now: Int64) -> Int {
        max(1, Int((Double(limit) * share(at: now)).rounded(.down)))
    }
}

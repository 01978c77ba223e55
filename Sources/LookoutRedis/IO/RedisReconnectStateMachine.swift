/// When a node pool opens its next connection, as a pure state machine: events in
/// (a connection became ready, an attempt failed or a connection dropped, at an instant),
/// decisions out (connect now, wait until an instant, nothing to do). No clock, no I/O:
/// ``RedisNodePool`` feeds it from its loop thread.
///
/// After the *n*-th consecutive failure the next attempt waits
/// ``RedisBackoff/delay(attempt:random:)`` (capped, full jitter); a success resets it.
struct RedisReconnectStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration, Instant: Sendable {
    /// What the pool should do now.
    enum Action: Equatable, Sendable {
        /// Open one more connection.
        case connect
        /// Demand exists but the backoff runs until this instant.
        case wait(until: Instant)
        /// Nothing (no demand, or a connection is already being opened).
        case none
    }

    let backoff: RedisBackoff
    /// Failures (failed attempts or dropped connections) since the last success.
    private(set) var consecutiveFailures = 0
    /// The earliest instant of the next attempt, while backing off.
    private(set) var nextAttempt: Instant?

    init(backoff: RedisBackoff) { self.backoff = backoff }

    /// Decides at `now`: `waiting` callers need a connection, `growth` asks for one more
    /// under load, `opening` says an attempt is already in progress.
    func decide(now: Instant, waiting: Bool, growth: Bool, opening: Bool) -> Action {
        guard waiting || growth else { return .none }
        if let nextAttempt, now < nextAttempt { return .wait(until: nextAttempt) }
        return growth || !opening ? .connect : .none
    }

    /// A connection became ready; returns whether it replaced a failed or dropped one (a reconnect).
    mutating func connected() -> Bool {
        defer {
            consecutiveFailures = 0
            nextAttempt = nil
        }
        return consecutiveFailures > 0
    }

    /// An attempt failed or a ready connection dropped at `now`; `random` in 0…1 picks the jitter.
    mutating func failed(now: Instant, random: Double = Double.random(in: 0...1)) {
        consecutiveFailures += 1
        nextAttempt = now.advanced(by: backoff.delay(attempt: consecutiveFailures, random: random))
    }
}

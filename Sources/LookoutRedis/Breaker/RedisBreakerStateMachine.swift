/// The circuit breaker's logic as a pure state machine: events in (a call wants to start, a
/// call succeeded or failed, at an instant), decisions out. No clock, no locks, no I/O:
/// ``RedisCircuitBreaker`` drives it under a mutex with an injected clock.
///
/// - closed: calls go through; `failureThreshold` consecutive transport failures open it.
/// - open: calls are rejected until `openDuration` has passed since it opened.
/// - half-open: the first call after that is the probe; others are rejected while it runs.
///   The probe's success closes the breaker, its failure reopens it for another `openDuration`.
struct RedisBreakerStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration, Instant: Sendable {
    enum State: Equatable, Sendable {
        case closed(consecutiveFailures: Int)
        case open(until: Instant)
        case halfOpen(probeInFlight: Bool)
    }

    /// Whether a call may start.
    enum Decision: Equatable, Sendable {
        /// Go ahead.
        case allow
        /// Go ahead as the half-open probe; report its outcome.
        case probe
        /// Fail at once; a probe is possible in `retryAfter`.
        case reject(retryAfter: Duration)
    }

    private(set) var state: State = .closed(consecutiveFailures: 0)
    let failureThreshold: Int
    let openDuration: Duration

    init(failureThreshold: Int, openDuration: Duration) {
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
    }

    /// The public view of ``state``.
    var publicState: RedisBreakerState {
        switch state {
        case .closed: return .closed
        case .open: return .open
        case .halfOpen: return .halfOpen
        }
    }

    /// A call wants to start at `now`.
    mutating func admit(now: Instant) -> Decision {
        switch state {
        case .closed:
            return .allow
        case .open(let until):
            guard now >= until else { return .reject(retryAfter: now.duration(to: until)) }
            state = .halfOpen(probeInFlight: true)
            return .probe
        case .halfOpen(let probeInFlight):
            if probeInFlight { return .reject(retryAfter: .zero) }
            state = .halfOpen(probeInFlight: true)
            return .probe
        }
    }

    /// A call (or the probe) reached Redis and got an answer, an error reply included.
    mutating func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
    }

    /// A call failed to reach Redis (connect error, timeout, dropped connection, protocol
    /// violation) at `now`.
    mutating func recordFailure(now: Instant) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= failureThreshold ? .open(until: now.advanced(by: openDuration)) : .closed(consecutiveFailures: failures + 1)
        case .halfOpen:
            state = .open(until: now.advanced(by: openDuration))
        case .open:
            break // calls admitted before it opened, failing late, change nothing
        }
    }

    /// A probe ended without telling anything about Redis (e.g. an invalid request): let
    /// the next call probe instead.
    mutating func releaseProbe() {
        if case .halfOpen(true) = state { state = .halfOpen(probeInFlight: false) }
    }
}

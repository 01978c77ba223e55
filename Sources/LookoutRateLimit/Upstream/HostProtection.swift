/// Per-host protection state: open, paused after a rate-limit answer (retCode 10006), or
/// banned after HTTP 403. Pure state, driven by the caller's clock.
///
/// Bybit answers 403 when an IP breaches its limit and asks clients to stop all requests
/// for at least ten minutes; continuing extends or makes the ban permanent. A ban therefore
/// fails every request to the host immediately until the cool-down ends. A 10006 pause
/// delays requests instead of failing them.
package struct HostProtection<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    package enum State: Equatable {
        case open
        case paused(until: Instant)
        case banned(until: Instant)
    }

    /// What a request to the host may do now.
    package enum Admission: Equatable {
        case proceed
        /// Paused: wait until this instant, then ask again.
        case wait(until: Instant)
        /// Banned: fail now; the ban lifts at this instant.
        case banned(until: Instant)
    }

    /// What an event changed, for stats and logs.
    package enum Transition: Equatable {
        case banStarted(until: Instant)
        case banExtended(until: Instant)
        case pauseStarted(until: Instant)
        case pauseExtended(until: Instant)
        /// Nothing changed (for example a 10006 while already banned).
        case unchanged
    }

    package private(set) var state: State = .open

    /// Creates an open host.
    package init() {}

    /// Decides for a request at `now`; expired pauses and bans end here.
    package mutating func admission(at now: Instant) -> Admission {
        switch state {
        case .open:
            return .proceed
        case .paused(let until):
            if until <= now { state = .open; return .proceed }
            return .wait(until: until)
        case .banned(let until):
            if until <= now { state = .open; return .proceed }
            return .banned(until: until)
        }
    }

    /// The host answered HTTP 403 at `now`: ban it for `cooldown` (from now, so a 403 on a
    /// request sent before the ban started extends it).
    package mutating func forbidden(at now: Instant, cooldown: Duration) -> Transition {
        let until = now.advanced(by: cooldown)
        if case .banned(let current) = state, current > now {
            guard until > current else { return .unchanged }
            state = .banned(until: until)
            return .banExtended(until: until)
        }
        state = .banned(until: until)
        return .banStarted(until: until)
    }

    /// The host answered retCode 10006 at `now`: hold requests for `pause`.
    package mutating func rateLimited(at now: Instant, pause: Duration) -> Transition {
        let until = now.advanced(by: pause)
        switch state {
        case .banned(let current) where current > now:
            return .unchanged
        case .paused(let current) where current > now:
            guard until > current else { return .unchanged }
            state = .paused(until: until)
            return .pauseExtended(until: until)
        default:
            state = .paused(until: until)
            return .pauseStarted(until: until)
        }
    }
}

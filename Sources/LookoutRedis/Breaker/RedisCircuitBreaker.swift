import Synchronization

/// A ``RedisBreakerStateMachine`` behind a mutex, with an injected clock: the client asks
/// it before every call and reports the outcome after.
///
/// Thread-safe.
final class RedisCircuitBreaker<C: Clock>: Sendable where C.Duration == Duration, C.Instant: Sendable, C: Sendable {
    private let clock: C
    private let machine: Mutex<RedisBreakerStateMachine<C.Instant>>
    /// Called with the new state after every change, outside the lock (metrics).
    private let onChange: @Sendable (RedisBreakerState) -> Void

    init(configuration: RedisBreakerConfiguration, clock: C, onChange: @escaping @Sendable (RedisBreakerState) -> Void = { _ in }) {
        self.clock = clock
        machine = Mutex(RedisBreakerStateMachine(failureThreshold: configuration.failureThreshold, openDuration: configuration.openDuration))
        self.onChange = onChange
    }

    var state: RedisBreakerState { machine.withLock { $0.publicState } }

    /// Whether a call may start now.
    func admit() -> RedisBreakerStateMachine<C.Instant>.Decision {
        let now = clock.now
        let (decision, before, after) = machine.withLock { machine in
            let before = machine.publicState
            let decision = machine.admit(now: now)
            return (decision, before, machine.publicState)
        }
        if before != after { onChange(after) }
        return decision
    }

    /// Reports the outcome of an admitted call: `nil` for an answer from Redis, else the error.
    func record(_ error: RedisError?) {
        let now = clock.now
        let (before, after) = machine.withLock { machine in
            let before = machine.publicState
            switch error {
            case nil, .server?: machine.recordSuccess()
            case let error? where error.isTransportFailure || error.kind == "pool_exhausted": machine.recordFailure(now: now)
            default: machine.releaseProbe()
            }
            return (before, machine.publicState)
        }
        if before != after { onChange(after) }
    }
}

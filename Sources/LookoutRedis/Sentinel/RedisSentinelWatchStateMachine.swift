/// The lifecycle of a Sentinel-backed client's `+switch-master` subscription, as a pure state
/// machine: events in (a timer tick, the subscription confirmed, the connection failed, a
/// pub/sub message), actions out. No clock, no I/O: ``RedisSentinelWatcher`` feeds it from
/// the loop thread.
///
/// One subscription at a time, to one sentinel; after a failure the next sentinel of the list
/// is tried after ``RedisBackoff/delay(attempt:random:)`` (capped, full jitter). While
/// subscribed, a `PING` every `pingInterval` proves the sentinel still answers (a silent one
/// fails the connection at the command timeout). Every (re)subscription asks for a
/// verification of the primary, since a switch published while unsubscribed was missed.
struct RedisSentinelWatchStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration, Instant: Sendable {
    /// Where the subscription stands.
    enum State: Equatable, Sendable {
        /// Not started yet.
        case idle
        /// Connecting to sentinel `sentinel` (an index into the list) and subscribing.
        case connecting(sentinel: Int)
        /// Subscribed on sentinel `sentinel`; the next `PING` is due at `nextPing`.
        case subscribed(sentinel: Int, nextPing: Instant)
        /// Backing off until `until`, then sentinel `sentinel` is tried.
        case waiting(until: Instant, sentinel: Int)
        /// The client shut down.
        case stopped
    }

    /// What the watcher should do now.
    enum Action: Equatable, Sendable {
        /// Open a connection to sentinel `sentinel` and send `SUBSCRIBE +switch-master`.
        case connect(sentinel: Int)
        /// Nothing before this instant.
        case wait(until: Instant)
        /// Send a `PING` on the subscription.
        case ping
        /// Check the primary with the sentinels: a switch may have been missed.
        case verify
        /// The sentinel announced this new primary for the watched master.
        case switchPrimary(RedisEndpoint)
        /// Nothing to do.
        case none
    }

    /// The master name whose switches count.
    let masterName: String
    /// How many sentinels there are (at least 1).
    let sentinelCount: Int
    let backoff: RedisBackoff
    let pingInterval: Duration
    private(set) var state: State = .idle
    /// Failures since the last confirmed subscription.
    private(set) var consecutiveFailures = 0

    init(masterName: String, sentinelCount: Int, backoff: RedisBackoff, pingInterval: Duration) {
        self.masterName = masterName
        self.sentinelCount = max(1, sentinelCount)
        self.backoff = backoff
        self.pingInterval = pingInterval
    }

    /// Runs the timers at `now`: starts the first connection, ends a backoff, schedules pings.
    mutating func tick(now: Instant) -> Action {
        switch state {
        case .idle:
            state = .connecting(sentinel: 0)
            return .connect(sentinel: 0)
        case .waiting(let until, let sentinel):
            guard now >= until else { return .wait(until: until) }
            state = .connecting(sentinel: sentinel)
            return .connect(sentinel: sentinel)
        case .subscribed(let sentinel, let nextPing):
            guard now >= nextPing else { return .wait(until: nextPing) }
            state = .subscribed(sentinel: sentinel, nextPing: now.advanced(by: pingInterval))
            return .ping
        case .connecting, .stopped:
            return .none
        }
    }

    /// The sentinel confirmed the subscription at `now`.
    mutating func subscribed(now: Instant) -> Action {
        guard case .connecting(let sentinel) = state else { return .none }
        state = .subscribed(sentinel: sentinel, nextPing: now.advanced(by: pingInterval))
        consecutiveFailures = 0
        return .verify
    }

    /// The connection failed (connect, subscribe or ping) or dropped at `now`; `random` in
    /// 0…1 picks the jitter. The next sentinel is tried after the backoff.
    mutating func failed(now: Instant, random: Double = Double.random(in: 0...1)) -> Action {
        let sentinel: Int
        switch state {
        case .connecting(let current), .subscribed(let current, _): sentinel = current
        case .idle, .waiting, .stopped: return .none
        }
        consecutiveFailures += 1
        let until = now.advanced(by: backoff.delay(attempt: consecutiveFailures, random: random))
        state = .waiting(until: until, sentinel: (sentinel + 1) % sentinelCount)
        return .wait(until: until)
    }

    /// A pub/sub message arrived on `channel`. `+switch-master` carries
    /// `<master name> <old ip> <old port> <new ip> <new port>`; other masters, channels and
    /// malformed payloads are ignored.
    mutating func received(channel: String, payload: String) -> Action {
        guard case .subscribed = state, channel == "+switch-master" else { return .none }
        let fields = payload.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5, fields[0] == masterName, let port = Int(fields[4]), (1...65535).contains(port) else { return .none }
        return .switchPrimary(RedisEndpoint(host: String(fields[3]), port: port))
    }

    /// The client shut down: nothing happens any more.
    mutating func stop() { state = .stopped }
}

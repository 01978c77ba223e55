import Synchronization

/// The dedicated pub/sub connection of a Sentinel-backed client: subscribed to one sentinel's
/// `+switch-master` channel, so the client moves to a new primary as soon as the sentinels
/// announce it instead of on the next connection error or `READONLY`.
///
/// Driven by the client's event loop (it is a ``RedisLoopSource``); its decisions come from
/// ``RedisSentinelWatchStateMachine`` (which sentinel, backoff, pings). Announcements and
/// verification requests go to `notify`, called on the loop thread; it must return at once.
///
/// Thread-safety: every method runs on the loop thread; the state sits in a `Mutex` only so
/// that the type is `Sendable`.
final class RedisSentinelWatcher: RedisLoopSource {
    /// What the watcher tells the resolver.
    enum Notice: Sendable, Equatable {
        /// The sentinels announced this new primary.
        case switched(RedisEndpoint)
        /// A (re)subscription: announcements may have been missed, check the primary.
        case verify
    }

    private struct State {
        var machine: RedisSentinelWatchStateMachine<ContinuousClock.Instant>
        var current: RedisConnection?
    }

    /// `SUBSCRIBE +switch-master`, checked like a handshake: the connection turns ready when
    /// the sentinel confirms the subscription.
    static let subscription = RedisConnection.Handshake(commands: [[Array("SUBSCRIBE".utf8), Array("+switch-master".utf8)]]) { replies in
        guard case .array(let items) = replies.first, items.count == 3, items[0].string == "subscribe", items[1].string == "+switch-master" else {
            return .protocolViolation("a sentinel answered SUBSCRIBE +switch-master with \(replies.first.map { "\($0)" } ?? "nothing")")
        }
        return nil
    }

    let sentinels: [RedisEndpoint]
    private let connections: [RedisConnection]
    private let configuration: RedisConfiguration
    private let notify: @Sendable (Notice) -> Void
    private let state: Mutex<State>

    /// A watcher of `masterName` through `sentinels` (not empty). `pingInterval` is how often
    /// a subscribed sentinel must answer a `PING` (within the command timeout).
    init(sentinels: [RedisEndpoint], masterName: String, configuration: RedisConfiguration, loop: RedisEventLoop,
         pingInterval: Duration = .seconds(1), notify: @escaping @Sendable (Notice) -> Void) {
        self.sentinels = sentinels
        self.configuration = configuration
        self.notify = notify
        connections = sentinels.map { RedisConnection(endpoint: $0, loop: loop, configuration: configuration) }
        state = Mutex(State(machine: RedisSentinelWatchStateMachine(
            masterName: masterName, sentinelCount: sentinels.count, backoff: configuration.reconnectBackoff, pingInterval: pingInterval)))
    }

    /// The subscription's state (for tests and diagnostics).
    var machineState: RedisSentinelWatchStateMachine<ContinuousClock.Instant>.State { state.withLock { $0.machine.state } }

    func service(now: ContinuousClock.Instant, watches: inout [RedisWatch]) -> ContinuousClock.Instant? {
        var due: ContinuousClock.Instant?
        if let connection = state.withLock({ $0.current }) {
            let (event, next) = connection.expire(now: now)
            if let event { process(event, now: now) }
            due = next
        }
        switch state.withLock({ $0.machine.tick(now: now) }) {
        case .connect(let index):
            let connection = connections[index]
            state.withLock { $0.current = connection }
            if let event = connection.startConnect(deadline: now + configuration.connectTimeout) { process(event, now: now) }
        case .wait(let until):
            due = min(due ?? until, until)
        case .ping:
            if let connection = state.withLock({ $0.current }),
               let ping = try? RedisRequest(commands: [[Array("PING".utf8)]], complete: { _ in }) {
                _ = connection.submit(ping, deadline: now + configuration.commandTimeout)
            }
        case .verify, .switchPrimary, .none:
            break
        }
        if let connection = state.withLock({ $0.current }), let watch = connection.watch() {
            watches.append(RedisWatch(fd: watch.fd, events: watch.events, connection: connection, source: self))
        }
        return due
    }

    func handle(_ connection: RedisConnection, events: Int16, buffer: UnsafeMutableRawBufferPointer, now: ContinuousClock.Instant) -> Bool {
        let event = connection.handle(events: events, buffer: buffer, handshake: Self.subscription, now: now) { [self] push in
            guard case .array(let items) = push, items.count >= 3, let channel = items[items.count - 2].string,
                  let payload = items[items.count - 1].string else { return }
            if case .switchPrimary(let endpoint) = state.withLock({ $0.machine.received(channel: channel, payload: payload) }) {
                notify(.switched(endpoint))
            }
        }
        guard let event else { return false }
        process(event, now: now)
        return true
    }

    func close() {
        let current = state.withLock { state -> RedisConnection? in
            state.machine.stop()
            defer { state.current = nil }
            return state.current
        }
        if let current, current.phase != .idle { _ = current.fail(.shutDown) }
    }

    private func process(_ event: RedisConnection.Event, now: ContinuousClock.Instant) {
        switch event {
        case .ready:
            if case .verify = state.withLock({ $0.machine.subscribed(now: now) }) { notify(.verify) }
        case .failed:
            _ = state.withLock { $0.machine.failed(now: now) }
        }
    }
}

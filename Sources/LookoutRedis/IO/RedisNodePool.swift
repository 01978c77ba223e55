import Lookout
import Synchronization

/// The connections to one Redis node: ``RedisConfiguration/poolSize`` multiplexed slots,
/// opened on demand, and the callers waiting (bounded by
/// ``RedisConfiguration/poolWaitTimeout``) while none is usable.
///
/// A caller takes the ready connection with the fewest requests in flight (no lock but the
/// chosen connection's); when every ready one is busy another slot is opened, up to the
/// pool size. Connect failures back off (``RedisBackoff``, full jitter) before the next attempt.
final class RedisNodePool: RedisLoopSource {
    private struct Waiter {
        let request: RedisRequest
        let since: ContinuousClock.Instant
    }

    private struct State {
        var waiters = RedisFIFO<Waiter>()
        var reconnect: RedisReconnectStateMachine<ContinuousClock.Instant>
        var lastError: RedisError?
        var shutDown = false
    }

    let endpoint: RedisEndpoint
    let connections: [RedisConnection]
    private let loop: RedisEventLoop
    private let handshake: RedisConnection.Handshake
    private let configuration: RedisConfiguration
    private let state: Mutex<State>
    private let cursor = Atomic<Int>(0)
    private let growthRequested = Atomic<Bool>(false)
    private let metrics: RedisPoolMetrics?

    /// A pool of `size` connections to `endpoint`, each opened with `handshake`.
    init(endpoint: RedisEndpoint, size: Int, configuration: RedisConfiguration, handshake: RedisConnection.Handshake,
         loop: RedisEventLoop, metrics: RedisClientMetrics?) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.handshake = handshake
        self.loop = loop
        state = Mutex(State(reconnect: RedisReconnectStateMachine(backoff: configuration.reconnectBackoff)))
        self.metrics = metrics.map { RedisPoolMetrics(metrics: $0, node: endpoint.description) }
        connections = (0..<max(1, size)).map { _ in
            RedisConnection(endpoint: endpoint, loop: loop, configuration: configuration)
        }
    }

    // MARK: Callers

    /// Writes `request` on a ready connection, or queues it until one is ready. Its
    /// completion is always called exactly once.
    func submit(_ request: RedisRequest) {
        let now = ContinuousClock.now
        if let connection = pick() {
            let wasBusy = connection.inFlightCount > 0
            if connection.submit(request, deadline: now + configuration.commandTimeout) {
                if wasBusy { requestGrowth() }
                return
            }
        }
        let accepted = state.withLock { state -> Bool in
            guard !state.shutDown else { return false }
            state.waiters.append(Waiter(request: request, since: now))
            return true
        }
        guard accepted else { return request.fail(.shutDown, sent: false) }
        loop.wake()
    }

    /// The ready connection with the fewest requests in flight, starting the scan at a
    /// rotating index so equally loaded connections share the work.
    private func pick() -> RedisConnection? {
        let count = connections.count
        let start = cursor.add(1, ordering: .relaxed).newValue
        var best: RedisConnection?
        var bestLoad = Int.max
        for offset in 0..<count {
            let connection = connections[(start &+ offset) % count]
            guard connection.phase == .ready else { continue }
            let load = connection.inFlightCount
            if load == 0 { return connection }
            if load < bestLoad { best = connection; bestLoad = load }
        }
        return best
    }

    private var isShutDown: Bool { state.withLock { $0.shutDown } }

    private func requestGrowth() {
        guard connections.contains(where: { $0.phase == .idle }) else { return }
        if !growthRequested.exchange(true, ordering: .relaxed) { loop.wake() }
    }

    /// Closes every open connection (their in-flight requests fail with `error`), e.g. when
    /// Sentinel moved the primary elsewhere. Loop thread only.
    func closeConnections(_ error: RedisError) {
        for connection in connections where connection.phase != .idle { _ = connection.fail(error) }
    }

    /// Fails waiting callers with ``RedisError/shutDown`` and closes every connection.
    /// Loop thread only.
    func close() {
        let waiters = state.withLock { state -> [Waiter] in
            state.shutDown = true
            return state.waiters.removeAll()
        }
        for waiter in waiters { waiter.request.fail(.shutDown, sent: false) }
        for connection in connections where connection.phase != .idle { _ = connection.fail(.shutDown) }
    }

    // MARK: Loop thread

    func service(now: ContinuousClock.Instant, watches: inout [RedisWatch]) -> ContinuousClock.Instant? {
        var next: ContinuousClock.Instant?
        func consider(_ instant: ContinuousClock.Instant?) {
            if let instant, next.map({ instant < $0 }) ?? true { next = instant }
        }
        for connection in connections {
            let (event, due) = connection.expire(now: now)
            if let event { process(event, now: now) }
            consider(due)
        }
        consider(serviceWaiters(now: now))
        var inUse = 0
        var idle = 0
        for connection in connections {
            if let watch = connection.watch() {
                watches.append(RedisWatch(fd: watch.fd, events: watch.events, connection: connection, source: self))
            }
            if connection.phase == .ready {
                if connection.inFlightCount > 0 { inUse += 1 } else { idle += 1 }
            }
        }
        if let metrics {
            metrics.inUse.set(inUse)
            metrics.idle.set(idle)
            metrics.waiters.set(state.withLock { $0.waiters.count })
        }
        return next
    }

    func handle(_ connection: RedisConnection, events: Int16, buffer: UnsafeMutableRawBufferPointer, now: ContinuousClock.Instant) -> Bool {
        guard let event = connection.handle(events: events, buffer: buffer, handshake: handshake, now: now) else { return false }
        process(event, now: now)
        return true
    }

    private func process(_ event: RedisConnection.Event, now: ContinuousClock.Instant) {
        switch event {
        case .ready:
            let reconnected = state.withLock { state -> Bool in
                state.lastError = nil
                return state.reconnect.connected()
            }
            metrics?.connectOK.inc()
            if reconnected { metrics?.reconnects.inc() }
            _ = serviceWaiters(now: now)
        case .failed(let error, let wasReady):
            if !wasReady { metrics?.connectFailed.inc() }
            let failed = state.withLock { state -> [Waiter] in
                state.reconnect.failed(now: now)
                state.lastError = error
                // Callers waiting for this attempt learn at once that it failed.
                return wasReady ? [] : state.waiters.removeAll()
            }
            for waiter in failed { waiter.request.fail(error, sent: false) }
        }
    }

    /// Expires waiters, hands them to ready connections and starts connecting when needed;
    /// returns when it must run again.
    private func serviceWaiters(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var expired: [(Waiter, RedisError)] = []
        var dispatch: [Waiter] = []
        let (waiting, reconnect, firstDeadline) = state.withLock { state -> (Bool, RedisReconnectStateMachine<ContinuousClock.Instant>, ContinuousClock.Instant?) in
            while let first = state.waiters.first, now >= first.since + configuration.poolWaitTimeout {
                _ = state.waiters.removeFirst()
                expired.append((first, state.lastError ?? .poolExhausted(waited: configuration.poolWaitTimeout)))
            }
            if connections.contains(where: { $0.phase == .ready }) {
                dispatch = state.waiters.removeAll()
            }
            return (!state.waiters.isEmpty && !state.shutDown, state.reconnect, state.waiters.first.map { $0.since + configuration.poolWaitTimeout })
        }
        for (waiter, error) in expired { waiter.request.fail(error, sent: false) }
        for waiter in dispatch {
            if let connection = pick(), connection.submit(waiter.request, deadline: now + configuration.commandTimeout) {
                metrics?.poolWait.observe((now - waiter.since).redisSeconds)
                continue
            }
            state.withLock { $0.waiters.append(waiter) }
        }
        var due = firstDeadline
        let opening = connections.contains { $0.phase == .connecting || $0.phase == .handshaking }
        let growth = growthRequested.load(ordering: .relaxed) && !isShutDown
        switch reconnect.decide(now: now, waiting: waiting, growth: growth, opening: opening) {
        case .none:
            break
        case .wait(let until):
            due = min(due ?? until, until)
        case .connect:
            growthRequested.store(false, ordering: .relaxed)
            if let slot = connections.first(where: { $0.phase == .idle }),
               let event = slot.startConnect(deadline: now + configuration.connectTimeout) {
                process(event, now: now)
            }
        }
        return due
    }
}

/// The series one pool records, looked up once.
struct RedisPoolMetrics: Sendable {
    let inUse: Gauge
    let idle: Gauge
    let waiters: Gauge
    let poolWait: Histogram
    let connectOK: Counter
    let connectFailed: Counter
    let reconnects: Counter

    init(metrics: RedisClientMetrics, node: String) {
        let catalog = metrics.catalog
        inUse = catalog.connectionsInUse.labels(node)
        idle = catalog.connectionsIdle.labels(node)
        waiters = catalog.waiters.labels(node)
        poolWait = catalog.poolWait
        connectOK = catalog.connects.labels(node, "ok")
        connectFailed = catalog.connects.labels(node, "failed")
        reconnects = catalog.reconnects.labels(node)
    }
}

import Synchronization

/// State shared by all event loops of one running server. Immutable except for the
/// atomics and the stop bookkeeping, so loops read it without locks.
final class ServerShared: Sendable {
    let configuration: HTTPServer.Configuration
    let routes: RouteTable
    let chain: MiddlewareChain
    let observer: (any HTTPServerObserver)?
    let timeouts: ConnectionStateMachine.Timeouts
    /// How often loops check timeouts, in nanoseconds.
    let tickInterval: UInt64
    /// One mailbox per loop, in loop order.
    let mailboxes: [LoopMailbox]
    /// Connections that count toward ``HTTPServer/Configuration/maxConnections``.
    let activeConnections = Atomic<Int>(0)

    private struct StopState {
        var runningLoops: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let stopState: Mutex<StopState>

    init(configuration: HTTPServer.Configuration, routes: RouteTable, chain: MiddlewareChain, mailboxes: [LoopMailbox]) {
        self.configuration = configuration
        self.routes = routes
        self.chain = chain
        observer = configuration.observer
        let header = configuration.timeouts.header.clampedNanoseconds
        timeouts = ConnectionStateMachine.Timeouts(
            header: header,
            body: configuration.timeouts.body.clampedNanoseconds,
            idle: configuration.timeouts.idle.clampedNanoseconds,
            write: configuration.timeouts.write.clampedNanoseconds,
            linger: min(header, 1_000_000_000))
        let shortest = min(timeouts.header, timeouts.body, timeouts.idle, timeouts.write, timeouts.linger)
        tickInterval = min(max(shortest / 8, 5_000_000), 250_000_000)
        self.mailboxes = mailboxes
        stopState = Mutex(StopState(runningLoops: mailboxes.count))
    }

    /// Called by each loop thread as its last act.
    func loopExited() {
        let waiters = stopState.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.runningLoops -= 1
            guard state.runningLoops == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once every loop has exited.
    func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = stopState.withLock { state -> Bool in
                guard state.runningLoops > 0 else { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LookoutThreading
import Synchronization

/// One socket the loop polls this round, and the connection that handles its events.
struct RedisWatch {
    let fd: Int32
    let events: Int16
    let connection: RedisConnection
    let source: any RedisLoopSource
}

/// Something driven by the loop thread: node pools, which expire waiters, start
/// connections and list their sockets each round.
protocol RedisLoopSource: AnyObject, Sendable {
    /// Runs due timers and appends the sockets to poll; returns the next instant it needs
    /// to run again (or `nil`). Called on the loop thread only.
    func service(now: ContinuousClock.Instant, watches: inout [RedisWatch]) -> ContinuousClock.Instant?
    /// Handles poll events of one of the source's connections; `true` when the connection
    /// changed state (connected, failed), so the sockets to poll must be listed again.
    /// Loop thread only.
    func handle(_ connection: RedisConnection, events: Int16, buffer: UnsafeMutableRawBufferPointer, now: ContinuousClock.Instant) -> Bool
    /// Fails waiting callers and closes every socket; the loop is stopping. Loop thread only.
    func close()
}

/// The thread that owns every socket read of one ``RedisClient``: it polls the connections,
/// parses replies, completes callers and runs timers (connect, command and wait deadlines,
/// reconnect backoff). Callers never block: they write their commands with a non-blocking
/// `send` and suspend until the loop completes them.
///
/// Deadlines need no wake-up: the loop never sleeps longer than the shortest configured
/// timeout, so a request registered after it fell asleep cannot be due before it wakes.
final class RedisEventLoop: Sendable {
    private struct State {
        var sources: [any RedisLoopSource] = []
        var tasks: [@Sendable () -> Void] = []
        var running = true
        var wakePending = false
    }

    private let state = Mutex(State())
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let maxSleep: Duration
    private let spinBudget: Duration
    private let clock = ContinuousClock()

    /// Starts the loop thread. `maxSleep` must not exceed any deadline the sources register
    /// relative to "now" (the shortest timeout).
    init(maxSleep: Duration, spinBudget: Duration) throws(RedisError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw RedisError.connection(endpoint: "-", reason: "cannot create the event loop's wake-up pipe: \(RedisSocket.errnoText())") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
        self.maxSleep = max(.milliseconds(1), maxSleep)
        self.spinBudget = spinBudget
        guard DetachedThread.start({ [self] in run() }) else {
            RedisSocket.close(fds[0]); RedisSocket.close(fds[1])
            throw RedisError.connection(endpoint: "-", reason: "cannot start the Redis event loop thread")
        }
    }

    /// Adds a source serviced every round from now on.
    func register(_ source: any RedisLoopSource) {
        state.withLock { $0.sources.append(source) }
        wake()
    }

    /// Runs `task` on the loop thread soon.
    func execute(_ task: @escaping @Sendable () -> Void) {
        state.withLock { $0.tasks.append(task) }
        wake()
    }

    /// Makes the loop run a round now (a new socket to watch, a waiter to serve).
    func wake() {
        let needed = state.withLock { state -> Bool in
            if state.wakePending { return false }
            state.wakePending = true
            return true
        }
        guard needed else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWriteFD, &byte, 1)
    }

    // The wake-up pipe is closed only when nothing can call wake() or stop() any more (the
    // thread holds the loop until it exits): closing it earlier could make a late wake()
    // write into a descriptor number reused by someone else, or raise SIGPIPE.
    deinit {
        RedisSocket.close(wakeReadFD)
        RedisSocket.close(wakeWriteFD)
    }

    /// Stops the loop after its current round.
    func stop() {
        state.withLock { $0.running = false }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWriteFD, &byte, 1)
    }

    private func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var watches: [RedisWatch] = []
        var pollFDs: [pollfd] = []
        var dirty = true
        var next = clock.now
        var lastCompletion = clock.now - .seconds(1)
        while true {
            let (running, sources, tasks) = state.withLock { state in
                let tasks = state.tasks
                state.tasks.removeAll(keepingCapacity: true)
                state.wakePending = false
                return (state.running, state.sources, tasks)
            }
            for task in tasks { task() }
            guard running else {
                // Close what is still open (a client released without shutdown()) and drop the
                // sources, which hold the loop: nothing outlives the thread.
                for source in sources { source.close() }
                state.withLock { $0.sources.removeAll() }
                return
            }
            let now = clock.now
            if dirty || !tasks.isEmpty || now >= next {
                // Timers, waiters and the set of sockets to poll: only when something may have
                // changed, not after every reply.
                watches.removeAll(keepingCapacity: true)
                next = now + maxSleep
                for source in sources {
                    if let due = source.service(now: now, watches: &watches), due < next { next = due }
                }
                pollFDs.removeAll(keepingCapacity: true)
                pollFDs.append(pollfd(fd: wakeReadFD, events: Int16(POLLIN), revents: 0))
                for watch in watches { pollFDs.append(pollfd(fd: watch.fd, events: watch.events, revents: 0)) }
                dirty = false
            } else {
                for index in pollFDs.indices { pollFDs[index].revents = 0 }
            }
            var ready: Int32 = 0
            // With replies due, or right after completing some (a caller that just got its
            // reply often sends its next command at once), poll without sleeping for a few
            // microseconds first: a reply on loopback usually arrives that soon, and waking a
            // sleeping thread costs more.
            if spinBudget > .zero,
               clock.now < lastCompletion + spinBudget || watches.contains(where: { $0.connection.inFlightCount > 0 }) {
                let spinEnd = clock.now + spinBudget
                repeat {
                    ready = poll(&pollFDs, nfds_t(pollFDs.count), 0)
                } while ready == 0 && clock.now < spinEnd
            }
            if ready == 0 {
                let wait = max(Duration.zero, next - clock.now)
                // Round up so a deadline is never polled a fraction of a millisecond early in a loop.
                let milliseconds = Int32(min(wait.redisMilliseconds + (wait > .zero ? 1 : 0), Int64(Int32.max)))
                ready = poll(&pollFDs, nfds_t(pollFDs.count), milliseconds)
            }
            guard ready > 0 else { continue }
            if pollFDs[0].revents != 0 {
                drainWakePipe()
                dirty = true
            }
            for index in 1..<pollFDs.count where pollFDs[index].revents != 0 {
                let watch = watches[index - 1]
                let events = pollFDs[index].revents
                if events & Int16(POLLOUT | POLLERR | POLLHUP | POLLNVAL) != 0 { dirty = true }
                if events & Int16(POLLIN) != 0 { lastCompletion = clock.now }
                if watch.source.handle(watch.connection, events: events, buffer: buffer, now: clock.now) { dirty = true }
            }
        }
    }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while Glibc.read(wakeReadFD, &scratch, scratch.count) > 0 {}
    }
}

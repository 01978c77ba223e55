#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// One multiplexed connection slot of a node pool: at most one socket at a time, carrying
/// the requests of any number of concurrent callers in order (RESP replies come back in
/// the order commands were written, so the oldest in-flight request owns the next reply).
///
/// Thread-safety: callers write with ``submit(_:deadline:)`` from any thread (a
/// non-blocking `send` under the lock, so bytes and the in-flight queue stay in the same
/// order); everything else (connect, read, parse, timeouts, close) runs on the loop thread.
/// Only the loop thread closes the socket, and it does so under the lock, so a caller never
/// writes to a reused descriptor. A connection that failed is closed and never reused: the
/// slot opens a new socket with a new parser.
final class RedisConnection: Sendable {
    /// The slot's lifecycle phase.
    enum Phase: UInt8 {
        /// No socket.
        case idle
        /// TCP connect in progress.
        case connecting
        /// Connected; `AUTH`/`SELECT`/`ROLE` sent, replies awaited.
        case handshaking
        /// Usable by callers.
        case ready
    }

    /// What a loop-thread call tells the pool.
    enum Event {
        /// The handshake succeeded; callers may use the connection.
        case ready
        /// The socket was closed after `error`; `wasReady` says whether callers had been using it.
        case failed(RedisError, wasReady: Bool)
    }

    /// Commands sent on every new socket, and the check of their replies.
    struct Handshake: Sendable {
        let commands: [[[UInt8]]]
        let validate: @Sendable ([RedisReply]) -> RedisError?
    }

    private struct State {
        var fd: Int32 = -1
        var decoder: RESPDecoder?
        var inFlight = RedisFIFO<RedisInFlight>()
        var output: [UInt8] = []
        var outputStart = 0
        var connectDeadline: ContinuousClock.Instant?
        /// A failure a caller saw while writing; the loop closes the socket.
        var brokenReason: String?
        var bufferedBytes = 0
    }

    let endpoint: RedisEndpoint
    private let loop: RedisEventLoop
    private let maxReplyBytes: Int
    private let connectTimeout: Duration
    private let commandTimeout: Duration
    private let state = Mutex(State())
    /// The loop thread's own copy of the socket and its parser, so reading never waits for a
    /// caller holding `state` during its `send`. Only the loop thread uses it (uncontended);
    /// it changes together with `state` in `startConnect` and `fail`.
    private let reader = Mutex<(fd: Int32, decoder: RESPDecoder?)>((-1, nil))
    private let phaseValue = Atomic<UInt8>(Phase.idle.rawValue)
    private let inFlightValue = Atomic<Int>(0)

    init(endpoint: RedisEndpoint, loop: RedisEventLoop, configuration: RedisConfiguration) {
        self.endpoint = endpoint
        self.loop = loop
        maxReplyBytes = configuration.maxReplyBytes
        connectTimeout = configuration.connectTimeout
        commandTimeout = configuration.commandTimeout
    }

    /// The current phase (a racy snapshot, for choosing a connection).
    var phase: Phase { Phase(rawValue: phaseValue.load(ordering: .relaxed)) ?? .idle }
    /// Requests written and not yet answered (a racy snapshot, for choosing a connection).
    var inFlightCount: Int { inFlightValue.load(ordering: .relaxed) }

    // MARK: Callers (any thread)

    /// Writes `request` if the connection is ready; `false` (nothing written) if it is not.
    func submit(_ request: RedisRequest, deadline: ContinuousClock.Instant) -> Bool {
        let wake = state.withLock { state -> Bool? in
            guard phase == .ready, state.brokenReason == nil, state.fd >= 0 else { return nil }
            return enqueue(request, deadline: deadline, isHandshake: false, state: &state)
        }
        guard let wake else { return false }
        if wake { loop.wake() }
        return true
    }

    /// Appends to the in-flight queue and writes (or buffers) the bytes; returns whether the
    /// loop must be woken (to poll for writability or to close a broken socket).
    private func enqueue(_ request: RedisRequest, deadline: ContinuousClock.Instant, isHandshake: Bool, state: inout State) -> Bool {
        state.inFlight.append(RedisInFlight(request: request, deadline: deadline, isHandshake: isHandshake))
        inFlightValue.add(1, ordering: .relaxed)
        if state.outputStart < state.output.count {
            state.output.append(contentsOf: request.encoded)
            return false
        }
        let outcome = request.encoded.withUnsafeBytes { RedisSocket.write(state.fd, $0) }
        switch outcome {
        case .bytes(let written) where written == request.encoded.count:
            return false
        case .bytes(let written):
            state.output = Array(request.encoded[written...])
            state.outputStart = 0
            return true
        case .wouldBlock:
            state.output = request.encoded
            state.outputStart = 0
            return true
        case .closed:
            state.brokenReason = "server closed the connection"
            return true
        case .failed(let reason):
            state.brokenReason = reason
            return true
        }
    }

    // MARK: Loop thread

    /// Opens a new socket (the slot must be idle); returns `.failed` if that fails at once.
    func startConnect(deadline: ContinuousClock.Instant) -> Event? {
        let fd: Int32
        let decoder: RESPDecoder
        do throws(RedisError) {
            decoder = try RESPDecoder()
            fd = try RedisSocket.startConnect(to: endpoint)
        } catch {
            return .failed(error, wasReady: false)
        }
        state.withLock { state in
            state = State()
            state.fd = fd
            state.decoder = decoder
            state.connectDeadline = deadline
        }
        reader.withLock { $0 = (fd, decoder) }
        phaseValue.store(Phase.connecting.rawValue, ordering: .relaxed)
        return nil
    }

    /// The socket and the events to poll it for, if it has one.
    func watch() -> (fd: Int32, events: Int16)? {
        state.withLock { state in
            guard state.fd >= 0 else { return nil }
            if phase == .connecting || state.outputStart < state.output.count {
                return (state.fd, Int16(POLLIN | POLLOUT))
            }
            return (state.fd, Int16(POLLIN))
        }
    }

    /// Closes the socket when a deadline passed or a caller's write failed; returns the event
    /// and the next deadline of this connection.
    func expire(now: ContinuousClock.Instant) -> (event: Event?, next: ContinuousClock.Instant?) {
        let verdict = state.withLock { state -> (RedisError?, ContinuousClock.Instant?) in
            guard state.fd >= 0 else { return (nil, nil) }
            if let reason = state.brokenReason {
                return (.connection(endpoint: endpoint.description, reason: reason), nil)
            }
            if let deadline = state.connectDeadline {
                if now >= deadline { return (.timeout(endpoint: endpoint.description, after: connectTimeout), nil) }
                return (nil, deadline)
            }
            if let first = state.inFlight.first {
                if now >= first.deadline {
                    return (.timeout(endpoint: endpoint.description, after: first.isHandshake ? connectTimeout : commandTimeout), nil)
                }
                return (nil, first.deadline)
            }
            return (nil, nil)
        }
        guard let error = verdict.0 else { return (nil, verdict.1) }
        return (fail(error), nil)
    }

    /// Handles poll events: finishes a connect, flushes buffered output, reads and parses
    /// replies and completes their requests. With `onPush`, the connection is a subscriber:
    /// pub/sub messages (`message`/`pmessage` arrays) go to `onPush`, off the lock, instead
    /// of to a request.
    func handle(events: Int16, buffer: UnsafeMutableRawBufferPointer, handshake: Handshake, now: ContinuousClock.Instant,
                onPush: ((RedisReply) -> Void)? = nil) -> Event? {
        if phase == .connecting {
            guard events & Int16(POLLOUT | POLLERR | POLLHUP) != 0 else { return nil }
            let fd = state.withLock { $0.fd }
            if let reason = RedisSocket.connectResult(fd) {
                return fail(.connection(endpoint: endpoint.description, reason: reason))
            }
            return beginHandshake(handshake)
        }
        if events & Int16(POLLOUT) != 0, let error = flush() { return fail(error) }
        guard events & Int16(POLLIN | POLLERR | POLLHUP) != 0 else { return nil }
        let fd = reader.withLock { $0.fd }
        guard fd >= 0 else { return nil }
        // Read until the socket is drained (bounded, so one busy socket cannot starve the rest).
        for _ in 0..<16 {
            switch RedisSocket.read(fd, into: buffer) {
            case .bytes(let count):
                let (completed, pushes, outcome) = parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]), handshake: handshake,
                                                         acceptsPushes: onPush != nil)
                for (request, replies) in completed { request.complete(.success(replies)) }
                if let onPush { for push in pushes { onPush(push) } }
                if outcome != nil || count < buffer.count { return outcome }
            case .wouldBlock:
                return nil
            case .closed:
                return fail(.connection(endpoint: endpoint.description, reason: "server closed the connection"))
            case .failed(let reason):
                return fail(.connection(endpoint: endpoint.description, reason: reason))
            }
        }
        return nil
    }

    private func beginHandshake(_ handshake: Handshake) -> Event? {
        if handshake.commands.isEmpty {
            state.withLock { $0.connectDeadline = nil }
            phaseValue.store(Phase.ready.rawValue, ordering: .relaxed)
            return .ready
        }
        let request: RedisRequest
        do {
            request = try RedisRequest(commands: handshake.commands) { _ in }
        } catch {
            return fail(error)
        }
        phaseValue.store(Phase.handshaking.rawValue, ordering: .relaxed)
        let broken = state.withLock { state -> Bool in
            _ = enqueue(request, deadline: state.connectDeadline ?? .now, isHandshake: true, state: &state)
            return state.brokenReason != nil
        }
        if broken { return fail(.connection(endpoint: endpoint.description, reason: state.withLock { $0.brokenReason } ?? "write failed")) }
        return nil
    }

    private func flush() -> RedisError? {
        state.withLock { state -> RedisError? in
            guard state.fd >= 0, state.outputStart < state.output.count else { return nil }
            let outcome = state.output.withUnsafeBytes { RedisSocket.write(state.fd, UnsafeRawBufferPointer(rebasing: $0[state.outputStart...])) }
            switch outcome {
            case .bytes(let written):
                state.outputStart += written
                if state.outputStart == state.output.count {
                    state.output.removeAll(keepingCapacity: true)
                    state.outputStart = 0
                }
                return nil
            case .wouldBlock: return nil
            case .closed: return .connection(endpoint: endpoint.description, reason: "server closed the connection")
            case .failed(let reason): return .connection(endpoint: endpoint.description, reason: reason)
            }
        }
    }

    /// Feeds bytes to the parser and matches complete replies to in-flight requests (pub/sub
    /// messages to `pushes`, when `acceptsPushes`). Parsing happens off the lock (the decoder
    /// is the loop thread's alone); only the matching holds it, so callers writing meanwhile
    /// wait as little as possible.
    private func parse(_ bytes: UnsafeRawBufferPointer, handshake: Handshake, acceptsPushes: Bool)
        -> (completed: [(RedisRequest, [RedisReply])], pushes: [RedisReply], outcome: Event?) {
        var completed: [(RedisRequest, [RedisReply])] = []
        var pushes: [RedisReply] = []
        var becameReady = false
        guard let decoder = reader.withLock({ $0.decoder }) else {
            return ([], [], fail(.protocolViolation("\(endpoint) sent \(bytes.count) bytes before any command")))
        }
        var replies: [RedisReply] = []
        var decodeError: RedisError?
        do throws(RedisError) {
            try decoder.feed(bytes)
            while let reply = try decoder.next() {
                if acceptsPushes, case .array(let items) = reply, let kind = items.first?.string, kind == "message" || kind == "pmessage" {
                    pushes.append(reply)
                } else {
                    replies.append(reply)
                }
            }
        } catch {
            decodeError = error
        }
        let failure = state.withLock { state -> RedisError? in
            if replies.isEmpty && pushes.isEmpty { state.bufferedBytes += bytes.count } else { state.bufferedBytes = 0 }
            for reply in replies {
                guard !state.inFlight.isEmpty else {
                    return .protocolViolation("\(endpoint) sent a reply no command asked for")
                }
                var done = false
                state.inFlight.updateFirst { entry in
                    entry.replies.append(reply)
                    done = entry.replies.count == entry.request.replyCount
                }
                guard done, let entry = state.inFlight.removeFirst() else { continue }
                inFlightValue.subtract(1, ordering: .relaxed)
                if entry.isHandshake {
                    if let error = handshake.validate(entry.replies) { return error }
                    state.connectDeadline = nil
                    phaseValue.store(Phase.ready.rawValue, ordering: .relaxed)
                    becameReady = true
                } else {
                    completed.append((entry.request, entry.replies))
                }
            }
            if let decodeError { return decodeError }
            if state.bufferedBytes > maxReplyBytes {
                return .protocolViolation("a reply from \(endpoint) exceeds maxReplyBytes (\(maxReplyBytes) bytes)")
            }
            return nil
        }
        if let failure { return (completed, pushes, fail(failure)) }
        return (completed, pushes, becameReady ? .ready : nil)
    }

    /// Closes the socket, fails every in-flight request (the first with `error`, the others
    /// with a connection error naming it), and returns the slot to idle.
    func fail(_ error: RedisError) -> Event {
        let wasReady = phase == .ready
        let entries = state.withLock { state -> [RedisInFlight] in
            if state.fd >= 0 { RedisSocket.close(state.fd) }
            let entries = state.inFlight.removeAll()
            state = State()
            return entries
        }
        reader.withLock { $0 = (-1, nil) }
        phaseValue.store(Phase.idle.rawValue, ordering: .relaxed)
        inFlightValue.store(0, ordering: .relaxed)
        for (index, entry) in entries.enumerated() where !entry.isHandshake {
            if index > 0, case .timeout = error {
                entry.request.fail(.connection(endpoint: endpoint.description, reason: "connection closed: an earlier command on it timed out"), sent: true)
            } else {
                entry.request.fail(error, sent: true)
            }
        }
        return .failed(error, wasReady: wasReady)
    }
}

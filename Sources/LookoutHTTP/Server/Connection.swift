/// One client connection: its buffers, parser, state machine and the request in progress.
///
/// Confined to the event loop thread that owns it; never shared, so it needs no locks.
/// The loop calls ``handle(events:loop:)`` on readiness, ``complete(_:loop:)`` when an async
/// handler posts its response, and ``checkTimeouts(loop:)`` on ticks. Request parsing and
/// dispatch live in `Connection+Requests.swift`.
final class Connection {
    let fd: Int32
    /// Distinguishes this connection from a later one that reuses the descriptor number.
    let id: UInt64
    let remoteAddress: String
    /// Whether this connection counts toward the connection limit (rejections do not).
    let countsTowardLimit: Bool
    /// Index in the loop's list of live connections.
    var liveIndex = 0
    /// The epoll events currently registered.
    var registeredEvents: UInt32

    let input: IOBuffer
    let output: IOBuffer
    var parser: HTTPRequestParser
    var machine: ConnectionStateMachine
    /// The request being read or handled.
    var current: RequestInProgress?
    /// The task running an async handler, cancelled if the connection closes first.
    var task: Task<Void, Never>?
    /// The client will send nothing more.
    var inputClosed = false
    /// Close (after a lingering read) once the output is written.
    var closeAfterOutput = false
    /// Request processing paused until the output drains below the high-water mark.
    var stalledOnOutput = false
    var isClosed = false
    /// A response being written under a fault plan (see `Connection+Delivery.swift`).
    var delivery: PendingDelivery?
    /// The deadline of this connection's armed timer, if any (see ``EventLoop/schedule(_:at:)``).
    var timerDeadline: MonotonicInstant?
    /// Once the output is written (and acknowledged, or by ``abortDeadline``), close with
    /// a TCP reset instead of a graceful close: an injected ``HTTPResponseDelivery/Reset``.
    var abortAfterOutput = false
    /// The latest moment an abort waits for the client to acknowledge the last bytes.
    var abortDeadline = MonotonicInstant(nanoseconds: 0)

    /// Stop reading pipelined input while this much is buffered.
    static let inputHighWater = 64 * 1024
    /// Stop handling pipelined requests while this much output is unsent.
    static let outputHighWater = 256 * 1024
    /// Minimum spare room for each socket read.
    static let readChunk = 4096
    /// Minimum spare room for each socket read while receiving a body.
    static let bodyReadChunk = 64 * 1024

    init(fd: Int32, id: UInt64, remoteAddress: String, countsTowardLimit: Bool, shared: ServerShared, now: MonotonicInstant) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.countsTowardLimit = countsTowardLimit
        registeredEvents = Epoll.input
        input = IOBuffer(capacity: Self.readChunk)
        output = IOBuffer(capacity: Self.readChunk)
        parser = HTTPRequestParser(limits: shared.configuration.limits)
        machine = ConnectionStateMachine(timeouts: shared.timeouts, now: now)
    }

    // MARK: Events

    /// Reacts to epoll readiness.
    func handle(events: UInt32, loop: EventLoop) {
        if events & Epoll.input != 0 {
            guard read(loop: loop) else { return }
        } else if events & Epoll.failure != 0 {
            loop.close(self)
            return
        }
        drive(loop: loop)
    }

    /// An async handler's response arrived.
    func complete(_ response: HTTPResponse, loop: EventLoop) {
        task = nil
        guard case .processing = machine.phase, current != nil else { return }
        finish(with: response, loop: loop)
        drive(loop: loop)
    }

    /// Applies any timeout that has expired.
    func checkTimeouts(loop: EventLoop) {
        guard let action = machine.expiredTimeout(at: loop.now) else { return }
        switch action {
        case .close(let kind):
            if let kind { loop.shared.observer?.timedOut(kind) }
            loop.close(self)
        case .respondAndClose(let kind):
            loop.shared.observer?.timedOut(kind)
            let what = kind == .header ? "request head" : "request body"
            respondWithError(status: .requestTimeout, detail: "the \(what) did not arrive in time", loop: loop)
            drive(loop: loop)
        }
    }

    /// The server is shutting down: close now if idle, else after the current response.
    func beginDraining(loop: EventLoop) {
        if machine.beginDraining(outputPending: output.readableCount > 0) {
            loop.close(self)
        } else if case .awaitingRequest = machine.phase {
            closeAfterOutput = true
        }
    }

    // MARK: I/O

    /// Reads what is available. Returns `false` if the connection was closed.
    private func read(loop: EventLoop) -> Bool {
        if case .lingering = machine.phase {
            input.clear()
        }
        // Bodies are read in larger pieces; heads rarely need more than one small read.
        let minimum = machine.phase == .readingBody ? Self.bodyReadChunk : Self.readChunk
        switch input.receive(from: fd, minimum: minimum) {
        case .transferred:
            if case .lingering = machine.phase { input.clear() }
            return true
        case .endOfFile:
            inputClosed = true
            return true
        case .wouldBlock:
            return true
        case .failed:
            loop.close(self)
            return false
        }
    }

    /// Processes buffered input, writes output and settles what to wait for next.
    func drive(loop: EventLoop) {
        while !isClosed {
            processInput(loop: loop)
            guard flush(loop: loop) else { return }
            guard stalledOnOutput, output.readableCount < Self.outputHighWater else { break }
            stalledOnOutput = false
        }
        guard !isClosed else { return }
        if output.readableCount == 0 {
            if abortAfterOutput {
                abortOnceAcknowledged(loop: loop)
                return
            }
            if closeAfterOutput, machine.phase != .lingering {
                if inputClosed {
                    loop.close(self)
                    return
                }
                Socket.shutdownWrite(fd)
                machine.startedLingering(now: loop.now)
                input.clear()
            }
            if inputClosed {
                switch machine.phase {
                case .processing:
                    break  // the handler's response may still be read by a half-closed client
                default:
                    loop.close(self)
                    return
                }
            }
        }
        updateInterest(loop: loop)
    }

    /// Writes as much output as the socket takes. Returns `false` if the connection closed.
    private func flush(loop: EventLoop) -> Bool {
        var progressed = false
        while output.readableCount > 0 {
            switch output.send(to: fd) {
            case .transferred:
                progressed = true
                if output.readableCount == 0 { machine.outputProgressed(now: loop.now, pending: false) }
            case .wouldBlock:
                if progressed {
                    machine.outputProgressed(now: loop.now, pending: true)
                } else {
                    machine.outputBlocked(now: loop.now)
                }
                return true
            case .failed, .endOfFile:
                loop.close(self)
                return false
            }
        }
        output.shrinkIfEmpty()
        return true
    }

    /// Registers interest in exactly the readiness the connection can act on.
    func updateInterest(loop: EventLoop) {
        var events: UInt32 = 0
        let lingering = machine.phase == .lingering
        if !inputClosed, lingering || (!closeAfterOutput && !stalledOnOutput && input.readableCount < Self.inputHighWater) {
            events |= Epoll.input
        }
        if output.readableCount > 0 { events |= Epoll.output }
        if events != registeredEvents {
            registeredEvents = events
            loop.epoll.modify(fd, events: events)
        }
    }
}

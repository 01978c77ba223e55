/// One client connection: its buffers, parser, the request in progress, and the
/// ``ConnectionStateMachine`` that makes every lifecycle decision.
///
/// The connection only executes the machine's actions: socket reads and writes, parsing,
/// dispatching, timers, shutdown, close and reset. Confined to the event loop thread that
/// owns it; never shared, so it needs no locks. The loop calls ``handle(events:loop:)`` on
/// readiness, ``complete(_:loop:)`` when an async handler posts its response,
/// ``timerFired(loop:)`` when its timer is due and ``checkTimeouts(loop:)`` on ticks.
/// Request parsing and dispatch live in `Connection+Requests.swift`.
final class Connection {
    typealias Action = ConnectionStateMachine.Action

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
    /// The response whose delivery strategy the machine is running (its bytes; the
    /// machine holds the progress).
    var delivering: HTTPResponse?
    /// The task running an async handler, cancelled if the connection closes first.
    var task: Task<Void, Never>?
    /// The deadline of this connection's armed timer, if any (see ``EventLoop/schedule(_:at:)``).
    var timerDeadline: MonotonicInstant?

    init(fd: Int32, id: UInt64, remoteAddress: String, countsTowardLimit: Bool, shared: ServerShared, now: MonotonicInstant) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.countsTowardLimit = countsTowardLimit
        registeredEvents = Epoll.input
        input = IOBuffer(capacity: ConnectionStateMachine.readChunk)
        output = IOBuffer(capacity: ConnectionStateMachine.readChunk)
        parser = HTTPRequestParser(limits: shared.configuration.limits)
        machine = ConnectionStateMachine(timeouts: shared.timeouts, now: now)
    }

    // MARK: Events

    /// Reacts to epoll readiness.
    func handle(events: UInt32, loop: EventLoop) {
        if events & Epoll.input != 0 {
            guard read(loop: loop) else { return }
        } else if events & Epoll.failure != 0 {
            if case .close = machine.socketFailed() { loop.close(self) }
            return
        }
        drive(loop: loop)
    }

    /// An async handler's response arrived.
    func complete(_ response: HTTPResponse, loop: EventLoop) {
        task = nil
        guard machine.awaitsResponse, current != nil else { return }
        finish(with: response, loop: loop)
        drive(loop: loop)
    }

    /// This connection's timer fired: continue a paused delivery, or poll a pending abort.
    func timerFired(loop: EventLoop) {
        deliver(machine.timerFired(now: loop.now), loop: loop)
        drive(loop: loop)
    }

    /// Applies any timeout that has expired.
    func checkTimeouts(loop: EventLoop) {
        switch machine.tick(now: loop.now) {
        case .close(let kind):
            if let kind { loop.shared.observer?.timedOut(kind) }
            loop.close(self)
        case .respondTimeout(let kind):
            loop.shared.observer?.timedOut(kind)
            let what = kind == .header ? "request head" : "request body"
            respondWithError(status: .requestTimeout, detail: "the \(what) did not arrive in time", loop: loop)
            drive(loop: loop)
        default:
            break
        }
    }

    /// The server is shutting down: close now if idle, else after the current response.
    func beginDraining(loop: EventLoop) {
        if case .close = machine.drain(outputPending: output.readableCount) { loop.close(self) }
    }

    // MARK: I/O

    /// Reads what is available. Returns `false` if the connection was closed.
    private func read(loop: EventLoop) -> Bool {
        guard case .read(let minimum, let discard) = machine.readable() else { return true }
        if discard { input.clear() }
        switch input.receive(from: fd, minimum: minimum) {
        case .transferred:
            if discard { input.clear() }
            return true
        case .endOfFile:
            machine.inputEnded()
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
        guard !machine.isClosed else { return }
        repeat {
            processInput(loop: loop)
            guard flush(loop: loop) else { return }
        } while machine.flushed(outputPending: output.readableCount) == .processInput
        guard !machine.isClosed else { return }
        switch machine.settle(now: loop.now, outputPending: output.readableCount) {
        case .close:
            loop.close(self)
            return
        case .awaitAcknowledgement:
            abortOnceAcknowledged(loop: loop)
            return
        case .shutdownWrite:
            Socket.shutdownWrite(fd)
            input.clear()
        default:
            break
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

    /// Closes with a TCP reset once the client has acknowledged every byte written (a
    /// reset discards data still in the send queue), or at the machine's abort deadline.
    private func abortOnceAcknowledged(loop: EventLoop) {
        let action = machine.acknowledgementChecked(
            now: loop.now, unacknowledged: LinuxAPI.unacknowledgedBytes(fd), timerArmed: timerDeadline != nil)
        switch action {
        case .reset:
            Socket.resetOnClose(fd)
            loop.close(self)
            return
        case .armTimer(let deadline):
            loop.schedule(self, at: deadline)
        default:
            break
        }
        updateInterest(loop: loop)
    }

    /// Registers interest in exactly the readiness the machine says the connection can act on.
    func updateInterest(loop: EventLoop) {
        let interest = machine.interest(inputBuffered: input.readableCount, outputPending: output.readableCount)
        var events: UInt32 = 0
        if interest.readable { events |= Epoll.input }
        if interest.writable { events |= Epoll.output }
        if events != registeredEvents {
            registeredEvents = events
            loop.epoll.modify(fd, events: events)
        }
    }

    // MARK: Delivery

    /// Carries out delivery actions, asking the machine for the next after each write,
    /// until one waits for a timer or the delivery finishes.
    func deliver(_ first: Action, loop: EventLoop) {
        var action = first
        while true {
            switch action {
            case .writeHead(let close):
                guard let response = delivering, let progress = current else { return }
                _ = ResponseEncoder.encodeHead(
                    response,
                    framing: .init(omitBody: progress.method == .head, close: close,
                                   announceKeepAlive: !close && progress.version == .http1_0),
                    date: loop.date.bytes, into: output)
            case .writeBody(let range):
                delivering?.body.withUnsafeBytes { output.append(UnsafeRawBufferPointer(rebasing: $0[range])) }
            case .armTimer(let deadline):
                loop.schedule(self, at: deadline)
                return
            case .finishDelivery(let bodyBytes):
                if let progress = current, let response = delivering {
                    report(progress, status: response.status.code, responseBodyBytes: bodyBytes, loop: loop)
                }
                current = nil
                delivering = nil
                return
            default:
                return
            }
            action = machine.wroteDeliveryStep(now: loop.now)
        }
    }
}

import Glibc

/// One event loop: an epoll instance and the connections it owns, run by one dedicated
/// thread for the life of the server.
///
/// Everything in this class is confined to that thread; other threads reach it only
/// through its ``LoopMailbox``. Loop 0 also owns the listening socket and deals accepted
/// connections out round-robin, so load spreads evenly even when a burst of connections
/// arrives at once.
final class EventLoop {
    let index: Int
    let shared: ServerShared
    let mailbox: LoopMailbox
    let epoll: Epoll
    /// The time at the start of the current iteration.
    private(set) var now: MonotonicInstant
    /// The `Date` header value for responses written in this iteration.
    private(set) var date = HTTPDateCache()

    private var listener: Int32?
    private var listenerPausedUntil: MonotonicInstant?
    private var connections: [Connection?] = []
    private var live: [Connection] = []
    private var nextConnectionID: UInt64 = 1
    private var nextLoop = 0
    private var rejecting = 0
    private var drainDeadline: MonotonicInstant?
    private var nextTick: MonotonicInstant
    private var messages: [LoopMessage] = []
    /// Timers of connections running a response delivery strategy or a pending abort.
    private var timers = TimerHeap()

    /// Rejected connections kept open briefly to deliver their `503`; more are closed at once.
    private static let maxRejecting = 64

    init(index: Int, shared: ServerShared, listener: Int32?) throws(HTTPServerError) {
        self.index = index
        self.shared = shared
        mailbox = shared.mailboxes[index]
        epoll = try Epoll.create()
        now = MonotonicInstant.now()
        nextTick = now.adding(shared.tickInterval)
        guard epoll.add(mailbox.eventFD, events: Epoll.input) else {
            epoll.close()
            throw Socket.systemError(.systemResources, "epoll_ctl")
        }
        if let listener {
            guard epoll.add(listener, events: Epoll.input) else {
                epoll.close()
                throw Socket.systemError(.systemResources, "epoll_ctl")
            }
            self.listener = listener
        }
    }

    /// The thread body: runs until drained, then releases every resource it owns.
    func run() {
        while true {
            let count = epoll.wait(timeout: waitTimeout())
            now = MonotonicInstant.now()
            date.refresh()
            for index in 0..<count {
                let (fd, events) = epoll.event(index)
                if fd == mailbox.eventFD {
                    handleMessages()
                } else if fd == listener {
                    acceptConnections()
                } else if fd >= 0, fd < connections.count, let connection = connections[Int(fd)] {
                    connection.handle(events: events, loop: self)
                }
            }
            if let due = timers.nextDeadline, due <= now { fireTimers() }
            if now >= nextTick { tick() }
            if let drainDeadline, live.isEmpty || now >= drainDeadline || live.allSatisfy({ $0.machine.phase == .lingering }) {
                break
            }
        }
        stop()
    }

    private func waitTimeout() -> Int32 {
        guard !live.isEmpty || drainDeadline != nil || listenerPausedUntil != nil else { return -1 }
        var wake = nextTick
        if let due = timers.nextDeadline, due < wake { wake = due }
        guard wake > now else { return 0 }
        return Int32(clamping: (wake.nanoseconds - now.nanoseconds + 999_999) / 1_000_000)
    }

    // MARK: Timers

    /// Wakes `connection` (``Connection/timerFired(loop:)``) at `deadline`, replacing any
    /// timer it had armed.
    func schedule(_ connection: Connection, at deadline: MonotonicInstant) {
        connection.timerDeadline = deadline
        timers.push(TimerHeap.Entry(deadline: deadline, fd: connection.fd, connectionID: connection.id))
    }

    /// Runs every timer due now, skipping those whose connection closed or re-armed.
    private func fireTimers() {
        while let entry = timers.popDue(at: now) {
            guard entry.fd >= 0, Int(entry.fd) < connections.count, let connection = connections[Int(entry.fd)],
                  connection.id == entry.connectionID, connection.timerDeadline == entry.deadline
            else { continue }
            connection.timerDeadline = nil
            connection.timerFired(loop: self)
        }
    }

    // MARK: Connections

    /// Starts serving an accepted connection on this loop.
    private func adopt(fd: Int32, remoteAddress: String, countsTowardLimit: Bool = true) -> Connection? {
        let connection = Connection(
            fd: fd, id: nextConnectionID, remoteAddress: remoteAddress,
            countsTowardLimit: countsTowardLimit, shared: shared, now: now)
        nextConnectionID += 1
        guard epoll.add(fd, events: Epoll.input) else {
            Socket.close(fd)
            if countsTowardLimit { shared.activeConnections.subtract(1, ordering: .relaxed) }
            return nil
        }
        if Int(fd) >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - connections.count))
        }
        connections[Int(fd)] = connection
        connection.liveIndex = live.count
        live.append(connection)
        if countsTowardLimit { shared.observer?.connectionOpened() }
        return connection
    }

    /// Closes `connection` and forgets it. Safe to call once per connection.
    func close(_ connection: Connection) {
        guard connection.machine.closed() else { return }
        connection.delivering = nil
        connection.task?.cancel()
        connection.task = nil
        connections[Int(connection.fd)] = nil
        let last = live.removeLast()
        if last !== connection {
            live[connection.liveIndex] = last
            last.liveIndex = connection.liveIndex
        }
        Socket.close(connection.fd)
        if let progress = connection.current, progress.started {
            // The handler was still working: the client left before the response.
            connection.report(progress, status: 499, responseBodyBytes: 0, loop: self)
        }
        connection.current = nil
        if connection.countsTowardLimit {
            shared.activeConnections.subtract(1, ordering: .relaxed)
            shared.observer?.connectionClosed()
        } else {
            rejecting -= 1
        }
    }

    private func acceptConnections() {
        guard let listener else { return }
        for _ in 0..<64 {
            switch Socket.accept(listener) {
            case .wouldBlock:
                return
            case .retry:
                continue
            case .exhausted:
                // Out of descriptors: stop polling the listener briefly instead of spinning.
                epoll.modify(listener, events: 0)
                listenerPausedUntil = now.adding(100_000_000)
                return
            case .accepted(let fd, let address):
                let active = shared.activeConnections.add(1, ordering: .relaxed).newValue
                guard active <= shared.configuration.maxConnections else {
                    shared.activeConnections.subtract(1, ordering: .relaxed)
                    reject(fd: fd, remoteAddress: address.description)
                    continue
                }
                let target = nextLoop
                nextLoop = (nextLoop + 1) % shared.mailboxes.count
                if target == index {
                    _ = adopt(fd: fd, remoteAddress: address.description)
                } else if !shared.mailboxes[target].post(.adopt(fd: fd, remoteAddress: address.description)) {
                    Socket.close(fd)
                    shared.activeConnections.subtract(1, ordering: .relaxed)
                }
            }
        }
    }

    /// Answers a connection over the limit with `503` and closes it.
    private func reject(fd: Int32, remoteAddress: String) {
        shared.observer?.connectionRejected()
        let response = HTTPResponse.problem(
            ProblemDetails(
                status: .serviceUnavailable,
                detail: "the server is at its limit of \(shared.configuration.maxConnections) connections; retry shortly"),
            headers: ["Retry-After": "1"])
        let framing = ResponseEncoder.Framing(omitBody: false, close: true, announceKeepAlive: false)
        guard rejecting < Self.maxRejecting,
              let connection = adopt(fd: fd, remoteAddress: remoteAddress, countsTowardLimit: false)
        else {
            let buffer = IOBuffer(capacity: 512)
            ResponseEncoder.encode(response, framing: framing, date: date.bytes, into: buffer)
            _ = buffer.send(to: fd)
            Socket.close(fd)
            return
        }
        rejecting += 1
        _ = connection.machine.queuedResponse(now: now, keepAlive: false)
        ResponseEncoder.encode(response, framing: framing, date: date.bytes, into: connection.output)
        connection.drive(loop: self)
    }

    // MARK: Messages, ticks and shutdown

    private func handleMessages() {
        mailbox.takeAll(into: &messages)
        for message in messages {
            switch message {
            case .adopt(let fd, let remoteAddress):
                if drainDeadline != nil {
                    Socket.close(fd)
                    shared.activeConnections.subtract(1, ordering: .relaxed)
                } else {
                    _ = adopt(fd: fd, remoteAddress: remoteAddress)
                }
            case .response(let fd, let connectionID, let response):
                if fd >= 0, Int(fd) < connections.count, let connection = connections[Int(fd)], connection.id == connectionID {
                    connection.complete(response, loop: self)
                }
            case .drain(let deadline):
                beginDraining(deadline: deadline)
            }
        }
        messages.removeAll(keepingCapacity: true)
    }

    private func beginDraining(deadline: MonotonicInstant) {
        guard drainDeadline == nil else { return }
        drainDeadline = deadline
        if let listener {
            epoll.remove(listener)
            Socket.close(listener)
            self.listener = nil
        }
        for connection in live { connection.beginDraining(loop: self) }
    }

    private func tick() {
        nextTick = now.adding(shared.tickInterval)
        if let pausedUntil = listenerPausedUntil, now >= pausedUntil, let listener {
            listenerPausedUntil = nil
            epoll.modify(listener, events: Epoll.input)
        }
        var index = live.count - 1
        while index >= 0 {
            if index < live.count { live[index].checkTimeouts(loop: self) }
            index -= 1
        }
    }

    /// Closes everything this loop owns and tells the server it is done.
    private func stop() {
        while let connection = live.last { close(connection) }
        if let listener { Socket.close(listener) }
        for case .adopt(let fd, _) in mailbox.close() {
            Socket.close(fd)
            shared.activeConnections.subtract(1, ordering: .relaxed)
        }
        epoll.close()
        shared.loopExited()
    }
}

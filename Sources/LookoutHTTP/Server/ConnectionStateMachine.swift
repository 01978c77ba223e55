/// The whole lifecycle of one connection, as a pure value: events go in, each with `now`
/// where time matters, and ``Action`` values come out for ``Connection`` to carry out.
///
/// It has no clock and does no I/O, so tests drive it with manual instants. It owns every
/// lifecycle decision: what to read and when to stop reading, when to parse and dispatch,
/// keep-alive, half-closed clients, draining, lingering, timeouts, response deliveries
/// (``HTTPResponseDeliveryStrategy``) and aborts. `Connection` keeps only the buffers,
/// the parser and the request in progress. Phases:
///
/// - `awaitingRequest`: between requests. For a new connection the header timeout runs
///   from accept (a client that connects and sends nothing is a slow-loris too); after a
///   response, the idle timeout runs once the response is fully written.
/// - `readingHead`: part of a head has arrived; the header timeout covers the whole head.
/// - `readingBody`: the body timeout covers the whole body.
/// - `processing`: a handler is producing the response, or a delivery strategy is writing
///   it; no read timeout applies.
/// - `closing`: the final response is queued; only the write timeout applies.
/// - `lingering`: the final response is written and the write side shut; remaining input
///   is discarded briefly so the client reads the response instead of a reset.
///
/// Independently, while output is pending and the socket is not writable, the write
/// timeout runs; any progress restarts it. Event methods live in this file (requests and
/// timeouts, writing, closing, aborting) and `+Delivery.swift`; the actions in `+Action.swift`.
struct ConnectionStateMachine: Sendable {
    /// Timeout lengths in nanoseconds.
    struct Timeouts: Sendable, Equatable {
        var header: UInt64
        var body: UInt64
        var idle: UInt64
        var write: UInt64
        var linger: UInt64
    }

    enum Phase: Sendable, Equatable {
        case awaitingRequest(first: Bool)
        case readingHead
        case readingBody
        case processing
        case closing
        case lingering
    }

    /// Which readiness the connection waits for.
    struct Interest: Sendable, Equatable {
        var readable: Bool
        var writable: Bool
    }

    /// What to do when a deadline passes.
    enum TimeoutAction: Sendable, Equatable {
        /// Close without a response (nothing was in progress, or the client stopped reading).
        case close(HTTPTimeoutKind?)
        /// Send `408 Request Timeout`, then close.
        case respondAndClose(HTTPTimeoutKind)
    }

    /// Stop reading pipelined input while this much is buffered.
    static let inputHighWater = 64 * 1024
    /// Stop handling pipelined requests while this much output is unsent.
    static let outputHighWater = 256 * 1024
    /// Minimum spare room for each socket read.
    static let readChunk = 4096
    /// Minimum spare room for each socket read while receiving a body.
    static let bodyReadChunk = 64 * 1024
    /// How often a pending abort checks whether the client acknowledged the last bytes.
    static let acknowledgementPoll: UInt64 = 1_000_000

    let timeouts: Timeouts
    private(set) var phase: Phase
    private(set) var readDeadline: MonotonicInstant?
    private(set) var writeDeadline: MonotonicInstant?
    /// Whether the connection may serve another request after the current one.
    private(set) var keepAlive = true
    /// The client will send nothing more (it half-closed, or the read hit end of file).
    private(set) var inputClosed = false
    /// Close (after a lingering read) once the output is written.
    private(set) var closeAfterOutput = false
    /// Request processing paused until the output drains below ``outputHighWater``.
    private(set) var stalledOnOutput = false
    /// The connection is closed; every later event is ignored.
    private(set) var isClosed = false
    /// Once the output is written (and acknowledged, or by ``abortDeadline``), close with
    /// a TCP reset instead of a graceful close (``HTTPDeliveryEnding/reset``).
    private(set) var abortAfterOutput = false
    /// The latest moment an abort waits for the client to acknowledge the last bytes.
    private(set) var abortDeadline = MonotonicInstant(nanoseconds: 0)
    /// A response being written by a delivery strategy (see `+Delivery.swift`).
    var delivery: Delivery?

    /// A newly accepted connection.
    init(timeouts: Timeouts, now: MonotonicInstant) {
        self.timeouts = timeouts
        phase = .awaitingRequest(first: true)
        readDeadline = now.adding(timeouts.header)
    }

    // MARK: Reading

    /// The socket is readable: how to read. While lingering, input is discarded.
    func readable() -> Action {
        .read(minimumSpace: phase == .readingBody ? Self.bodyReadChunk : Self.readChunk, discard: phase == .lingering)
    }

    /// The read hit end of file: the client half-closed.
    mutating func inputEnded() {
        inputClosed = true
    }

    /// The socket failed (a read or write error, or an error event): close at once.
    mutating func socketFailed() -> Action {
        isClosed ? .none : .close(nil)
    }

    /// What to do with buffered input next: parse a head, read body bytes, or wait.
    /// `inputBuffered` and `outputPending` are the buffers' byte counts.
    mutating func nextInputStep(now: MonotonicInstant, inputBuffered: Int, outputPending: Int) -> Action {
        guard !closeAfterOutput, !isClosed else { return .none }
        switch phase {
        case .processing, .closing, .lingering:
            return .none
        case .awaitingRequest, .readingHead:
            guard inputBuffered > 0 else { return .none }
            guard outputPending < Self.outputHighWater else {
                stalledOnOutput = true
                return .none
            }
            receivedBytes(now: now)
            return .parseHead
        case .readingBody:
            return .readBody
        }
    }

    /// Request bytes arrived while waiting for a request.
    mutating func receivedBytes(now: MonotonicInstant) {
        guard case .awaitingRequest(let first) = phase else { return }
        phase = .readingHead
        if !first { readDeadline = now.adding(timeouts.header) }
    }

    /// A complete head was parsed: dispatch it, or read its body (after `100 Continue`
    /// if the client waits for one and has sent nothing yet).
    mutating func parsedHead(now: MonotonicInstant, hasBody: Bool, keepAlive: Bool, expectsContinue: Bool,
                             inputBuffered: Int) -> Action
    {
        receivedHead(now: now, hasBody: hasBody, keepAlive: keepAlive)
        if !hasBody { return .dispatch }
        return expectsContinue && inputBuffered == 0 ? .sendContinue : .none
    }

    /// A complete head was parsed.
    mutating func receivedHead(now: MonotonicInstant, hasBody: Bool, keepAlive: Bool) {
        if !keepAlive { self.keepAlive = false }
        if hasBody {
            phase = .readingBody
            readDeadline = now.adding(timeouts.body)
        } else {
            phase = .processing
            readDeadline = nil
        }
    }

    /// The body is complete; the handler runs.
    mutating func receivedBody() {
        phase = .processing
        readDeadline = nil
    }

    /// The body is complete: dispatch the request.
    mutating func completedBody() -> Action {
        receivedBody()
        return .dispatch
    }

    // MARK: Responding

    /// The response was queued. Returns whether the connection stays open for another
    /// request; if not, it closes once the output is written.
    mutating func queuedResponse(now: MonotonicInstant, keepAlive: Bool) -> Bool {
        if !keepAlive { self.keepAlive = false }
        guard self.keepAlive else {
            phase = .closing
            readDeadline = nil
            closeAfterOutput = true
            return false
        }
        phase = .awaitingRequest(first: false)
        readDeadline = now.adding(timeouts.idle)
        return true
    }

    /// Whether an async handler's response can still be written (the request is in
    /// progress and no delivery is under way).
    var awaitsResponse: Bool {
        phase == .processing && delivery == nil && !isClosed
    }

    // MARK: Timeouts and draining

    /// The action for a deadline that has passed at `now`, if any.
    func expiredTimeout(at now: MonotonicInstant) -> TimeoutAction? {
        if let writeDeadline, now >= writeDeadline { return .close(.write) }
        guard let readDeadline, now >= readDeadline else { return nil }
        switch phase {
        case .awaitingRequest(let first):
            // The idle clock restarts once output drains; until then the write timeout rules.
            if writeDeadline != nil { return nil }
            return .close(first ? .header : .idle)
        case .readingHead: return .respondAndClose(.header)
        case .readingBody: return .respondAndClose(.body)
        case .lingering: return .close(nil)
        case .processing, .closing: return nil
        }
    }

    /// The loop's periodic check at `now`: close, answer `408`, or nothing.
    func tick(now: MonotonicInstant) -> Action {
        guard !isClosed else { return .none }
        switch expiredTimeout(at: now) {
        case .close(let kind)?: return .close(kind)
        case .respondAndClose(let kind)?: return .respondTimeout(kind)
        case nil: return .none
        }
    }

    /// The server is shutting down. Returns `true` if the connection can close right away
    /// (no request in progress and nothing to write); otherwise it closes after the
    /// current response.
    mutating func beginDraining(outputPending: Bool) -> Bool {
        keepAlive = false
        guard case .awaitingRequest = phase else { return false }
        if !outputPending { return true }
        closeAfterOutput = true
        return false
    }

    /// The server is shutting down: close now if idle, else after the current response.
    mutating func drain(outputPending: Int) -> Action {
        beginDraining(outputPending: outputPending > 0) ? .close(nil) : .none
    }

    // MARK: Writing, closing and aborting

    /// A write could not send everything.
    mutating func outputBlocked(now: MonotonicInstant) {
        if writeDeadline == nil { writeDeadline = now.adding(timeouts.write) }
    }

    /// A write made progress; `pending` tells whether bytes remain.
    mutating func outputProgressed(now: MonotonicInstant, pending: Bool) {
        if pending {
            writeDeadline = now.adding(timeouts.write)
        } else {
            writeDeadline = nil
            if case .awaitingRequest(first: false) = phase { readDeadline = now.adding(timeouts.idle) }
        }
    }

    /// The output was flushed as far as the socket takes it: process input again if it
    /// was paused on output that has now drained below ``outputHighWater``.
    mutating func flushed(outputPending: Int) -> Action {
        guard !isClosed, stalledOnOutput, outputPending < Self.outputHighWater else { return .none }
        stalledOnOutput = false
        return .processInput
    }

    /// Input and output are settled for now: close, shut the write side and linger,
    /// start an abort, or keep going (then ``interest(inputBuffered:outputPending:)``
    /// says what to wait for).
    mutating func settle(now: MonotonicInstant, outputPending: Int) -> Action {
        guard !isClosed else { return .none }
        guard outputPending == 0 else { return .none }
        if abortAfterOutput { return .awaitAcknowledgement }
        if closeAfterOutput, phase != .lingering {
            if inputClosed { return .close(nil) }
            startedLingering(now: now)
            return .shutdownWrite
        }
        // A half-closed client may still read the response its handler is producing.
        if inputClosed, phase != .processing { return .close(nil) }
        return .none
    }

    /// The final response is written and the write side shut.
    mutating func startedLingering(now: MonotonicInstant) {
        phase = .lingering
        readDeadline = now.adding(timeouts.linger)
        writeDeadline = nil
    }

    /// The readiness the connection can act on, given its buffers' byte counts: input
    /// unless the client closed it, the connection is closing, or processing is paused;
    /// output while bytes are pending. ``inputHighWater`` bounds pipelined input only: a
    /// head still arriving is read on (its length is bounded by the parser's limits, which
    /// may exceed the mark).
    func interest(inputBuffered: Int, outputPending: Int) -> Interest {
        let lingering = phase == .lingering
        let belowHighWater = phase == .readingHead || inputBuffered < Self.inputHighWater
        let readable = !inputClosed
            && (lingering || (!closeAfterOutput && !stalledOnOutput && belowHighWater))
        return Interest(readable: readable, writable: outputPending > 0)
    }

    /// An abort is pending and the client has yet to acknowledge `unacknowledged` bytes
    /// (a reset discards data still in the send queue): poll again (with a timer unless
    /// one is armed) until they are acknowledged or ``abortDeadline`` passes, then reset.
    func acknowledgementChecked(now: MonotonicInstant, unacknowledged: Int, timerArmed: Bool) -> Action {
        guard !isClosed else { return .none }
        guard unacknowledged > 0, now < abortDeadline else { return .reset }
        return timerArmed ? .none : .armTimer(now.adding(Self.acknowledgementPoll))
    }

    /// Marks the connection closed. Returns `false` if it already was.
    mutating func closed() -> Bool {
        guard !isClosed else { return false }
        isClosed = true
        delivery = nil
        return true
    }

    /// Arms an abort: once the output is written, reset instead of closing gracefully.
    mutating func abortAfterWriting(now: MonotonicInstant) {
        abortAfterOutput = true
        abortDeadline = now.adding(timeouts.write)
    }
}

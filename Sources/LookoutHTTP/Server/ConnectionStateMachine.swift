/// The keep-alive and timeout logic of one connection, as a pure value: events go in,
/// deadlines and actions come out.
///
/// It has no clock and does no I/O: every event takes `now`, so tests drive it with a
/// manual clock, and the event loop asks ``expiredTimeout(at:)`` on each tick. Phases:
///
/// - `awaitingRequest`: between requests. For a new connection the header timeout runs
///   from accept (a client that connects and sends nothing is a slow-loris too); after a
///   response, the idle timeout runs once the response is fully written.
/// - `readingHead`: part of a head has arrived; the header timeout covers the whole head.
/// - `readingBody`: the body timeout covers the whole body.
/// - `processing`: a handler is producing the response; no read timeout applies.
/// - `closing`: the final response is queued; only the write timeout applies.
/// - `lingering`: the final response is written and the write side shut; remaining input
///   is discarded briefly so the client reads the response instead of a reset.
///
/// Independently, while output is pending and the socket is not writable, the write
/// timeout runs; any progress restarts it.
struct ConnectionStateMachine: Sendable, Equatable {
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

    /// What to do when a deadline passes.
    enum TimeoutAction: Sendable, Equatable {
        /// Close without a response (nothing was in progress, or the client stopped reading).
        case close(HTTPTimeoutKind?)
        /// Send `408 Request Timeout`, then close.
        case respondAndClose(HTTPTimeoutKind)
    }

    private let timeouts: Timeouts
    private(set) var phase: Phase
    private(set) var readDeadline: MonotonicInstant?
    private(set) var writeDeadline: MonotonicInstant?
    /// Whether the connection may serve another request after the current one.
    private(set) var keepAlive = true

    /// A newly accepted connection.
    init(timeouts: Timeouts, now: MonotonicInstant) {
        self.timeouts = timeouts
        phase = .awaitingRequest(first: true)
        readDeadline = now.adding(timeouts.header)
    }

    /// Request bytes arrived while waiting for a request.
    mutating func receivedBytes(now: MonotonicInstant) {
        guard case .awaitingRequest(let first) = phase else { return }
        phase = .readingHead
        if !first { readDeadline = now.adding(timeouts.header) }
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

    /// The response was queued. Returns whether the connection stays open for another
    /// request; if not, it closes once the output is written.
    mutating func queuedResponse(now: MonotonicInstant, keepAlive: Bool) -> Bool {
        if !keepAlive { self.keepAlive = false }
        guard self.keepAlive else {
            phase = .closing
            readDeadline = nil
            return false
        }
        phase = .awaitingRequest(first: false)
        readDeadline = now.adding(timeouts.idle)
        return true
    }

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

    /// The final response is written and the write side shut.
    mutating func startedLingering(now: MonotonicInstant) {
        phase = .lingering
        readDeadline = now.adding(timeouts.linger)
        writeDeadline = nil
    }

    /// The server is shutting down. Returns `true` if the connection can close right away
    /// (no request in progress and nothing to write); otherwise it closes after the
    /// current response.
    mutating func beginDraining(outputPending: Bool) -> Bool {
        keepAlive = false
        if case .awaitingRequest = phase, !outputPending { return true }
        return false
    }

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
}

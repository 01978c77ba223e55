import BybitSimulator
import LookoutHTTP

/// How the simulator writes one response: normally, or with injected transport faults.
///
/// Real upstreams misbehave below HTTP: they answer late, dribble the body out, cut the
/// connection halfway through a body or reset it. The simulator sets
/// `HTTPResponse.delivery` to reproduce those faults on a real socket, so the client under
/// test meets them exactly as it would in production. This is the simulator's
/// `HTTPResponseDeliveryStrategy`: the server only executes the steps it yields, and its
/// production path knows nothing of faults.
///
/// The steps, in order (each wait is a timer on the connection; other connections keep
/// being served, and later pipelined requests on the same connection wait so responses
/// stay in order):
///
/// 1. Wait ``delayBeforeHead``. The request stays in flight: no read timeout runs, and a
///    client that disconnects meanwhile is reported with status `499`.
/// 2. If ``reset`` is ``Reset/beforeHead``, abort the connection with a TCP reset and stop.
/// 3. Write the status line and header fields. `Content-Length` always announces the whole
///    body, even when less will be sent.
/// 4. Write the body, at most ``truncateAfterBodyBytes`` or
///    ``Reset/afterBodyBytes(_:)`` bytes of it: all at once, or with ``trickle`` in chunks
///    of ``Trickle/chunkBytes`` with ``Trickle/pause`` before each chunk after the first.
/// 5. Once those bytes have reached the socket: abort with a reset for
///    ``Reset/afterBodyBytes(_:)``; close for a truncated body (the client sees the end of
///    the stream before `Content-Length` bytes) or for ``closeConnection`` (which also
///    sends `Connection: close`, as a graceful close would); otherwise keep the connection.
///
/// Out-of-range values are clamped rather than rejected, since a fault plan has no caller
/// to report to: negative durations count as zero, negative byte counts as zero, and a
/// chunk size below 1 as 1. `HEAD` requests and bodiless statuses have no body, so only the
/// delay, ``Reset/beforeHead``, a reset after any byte count (which then resets right
/// after the head) and ``closeConnection`` apply to them.
///
/// ```swift
/// var response = HTTPResponse.json(encoded: body)
/// response.delivery = HTTPResponseDelivery(delayBeforeHead: .milliseconds(300),
///                                          trickle: .init(chunkBytes: 64, pause: .milliseconds(20)))
/// ```
public struct HTTPResponseDelivery: HTTPResponseDeliveryStrategy, Hashable {
    /// Where the connection is aborted with a TCP reset (`SO_LINGER` 0, then close): the
    /// client's next read fails with "connection reset by peer".
    public enum Reset: Sendable, Hashable {
        /// Reset without writing anything of the response.
        case beforeHead
        /// Write the head and this many body bytes, then reset.
        case afterBodyBytes(Int)
    }

    /// A slow body: `chunkBytes` at a time, `pause` before each chunk after the first; the
    /// simulator's own `TransportDirectives.Trickle`. Here a chunk below 1 byte counts as
    /// 1 and a negative pause as zero.
    public typealias Trickle = TransportDirectives.Trickle

    /// How long to wait before writing anything (default `.zero`). The request stays in
    /// flight meanwhile.
    public var delayBeforeHead: Duration
    /// Write the body in chunks with pauses; `nil` writes it at once.
    public var trickle: Trickle?
    /// Send only this many body bytes (`Content-Length` still announces the full length),
    /// then close the connection; `nil` sends the whole body. A body no longer than this
    /// is sent whole and the connection kept, since nothing was cut.
    public var truncateAfterBodyBytes: Int?
    /// Abort the connection with a TCP reset instead of finishing the response.
    public var reset: Reset?
    /// Close the connection after this response, announcing `Connection: close`.
    public var closeConnection: Bool

    /// The ordinary delivery: everything at once, the connection kept alive if the
    /// request allows it.
    public static let normal = HTTPResponseDelivery()

    /// A delivery plan; the defaults are ``normal``.
    public init(delayBeforeHead: Duration = .zero, trickle: Trickle? = nil, truncateAfterBodyBytes: Int? = nil,
                reset: Reset? = nil, closeConnection: Bool = false)
    {
        self.delayBeforeHead = delayBeforeHead
        self.trickle = trickle
        self.truncateAfterBodyBytes = truncateAfterBodyBytes
        self.reset = reset
        self.closeConnection = closeConnection
    }

    /// Whether the response can be written at once, the way every normal response is
    /// (``closeConnection`` alone still qualifies: it only changes keep-alive).
    public var isImmediate: Bool {
        trickle == nil && truncateAfterBodyBytes == nil && reset == nil && delayBeforeHead <= .zero
    }

    /// ``closeConnection``, as the strategy's `closesConnection`.
    public var closesConnection: Bool { closeConnection }

    /// How many body bytes to write for a body of `count` bytes.
    public func bodyBytesToSend(of count: Int) -> Int {
        var limit = count
        if let truncateAfterBodyBytes { limit = min(limit, max(0, truncateAfterBodyBytes)) }
        switch reset {
        case .beforeHead?: limit = 0
        case .afterBodyBytes(let bytes)?: limit = min(limit, max(0, bytes))
        case nil: break
        }
        return limit
    }

    /// The next step of the plan: the delay, a reset before the head, the head, the body
    /// (trickled or whole, up to its limit), then how the connection ends.
    public func step(after progress: HTTPDeliveryProgress) -> HTTPDeliveryStep {
        guard progress.headWritten else {
            if progress.stepsTaken == 0, delayBeforeHead > .zero { return .pause(delayBeforeHead) }
            return reset == .beforeHead ? .finish(.reset) : .head
        }
        let limit = bodyBytesToSend(of: progress.bodyCount)
        if progress.bodySent < limit {
            if let trickle, progress.bodySent > 0, !progress.lastStepWasPause, trickle.pause > .zero {
                return .pause(trickle.pause)
            }
            let chunk = trickle.map { max(1, $0.chunkBytes) } ?? limit
            return .body(through: progress.bodySent + min(chunk, limit - progress.bodySent))
        }
        if reset != nil { return .finish(.reset) }
        // A body cut short is a fault the client must discover from the stream.
        return .finish(progress.bodySent < progress.bodyCount ? .close : .keepAliveIfAllowed)
    }
}

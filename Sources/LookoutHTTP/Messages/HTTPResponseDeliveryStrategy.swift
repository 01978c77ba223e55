/// A way to write one response other than all at once: a sequence of steps (pauses, the
/// head, slices of the body, and how the connection ends) that the server carries out on
/// the socket without blocking its event loop.
///
/// Production handlers never set one: a response without a strategy is written at once.
/// A simulator or test that must reproduce an upstream misbehaving below HTTP (a late
/// answer, a body dribbled out, a connection cut or reset halfway) supplies its own
/// strategy in ``HTTPResponse/deliveryStrategy``; the server only executes its steps.
///
/// How the server executes the steps:
/// - Each ``HTTPDeliveryStep/pause(_:)`` is a timer on the connection; other connections
///   keep being served, and later pipelined requests on the same connection wait, so
///   responses stay in order. The request counts as in flight until the strategy
///   finishes: no read timeout runs, and a client that leaves meanwhile is reported with
///   status `499`. The write timeout still applies whenever output is stuck.
/// - ``HTTPDeliveryStep/head`` writes the status line and header fields; `Content-Length`
///   always announces the whole body, whatever part of it is sent.
/// - ``HTTPDeliveryStep/body(through:)`` writes body bytes up to an offset (clamped to
///   the body the head announces; `HEAD` requests and bodiless statuses have none).
/// - ``HTTPDeliveryStep/finish(_:)`` settles the connection once the queued bytes are
///   written (see ``HTTPDeliveryEnding``).
///
/// Thread-safety: a `Sendable` value; the server calls ``step(after:)`` on the event loop
/// that owns the connection, so it must be quick and must not block.
public protocol HTTPResponseDeliveryStrategy: Sendable {
    /// Whether the response is written at once like any other, so that only
    /// ``closesConnection`` applies.
    var isImmediate: Bool { get }
    /// Whether the connection closes after this response, announced with
    /// `Connection: close` as a graceful close would be.
    var closesConnection: Bool { get }
    /// The next step, given what has been carried out so far. A strategy must make
    /// progress: the server ends the delivery with ``HTTPDeliveryEnding/close`` after
    /// 64 steps in a row that write nothing and wait for nothing.
    func step(after progress: HTTPDeliveryProgress) -> HTTPDeliveryStep
}

/// What the server has carried out of a delivery so far; the input to
/// ``HTTPResponseDeliveryStrategy/step(after:)``. A value type; `Sendable`.
public struct HTTPDeliveryProgress: Sendable, Hashable {
    /// Body bytes the head announces and that may follow it: the body's length, or `0`
    /// for a `HEAD` request or a status that forbids a body.
    public let bodyCount: Int
    /// Steps carried out so far.
    public internal(set) var stepsTaken = 0
    /// Whether the head has been written.
    public internal(set) var headWritten = false
    /// Body bytes written so far.
    public internal(set) var bodySent = 0
    /// Whether the last step was a ``HTTPDeliveryStep/pause(_:)``.
    public internal(set) var lastStepWasPause = false

    /// Progress before the first step, for a body of `bodyCount` bytes.
    public init(bodyCount: Int) {
        self.bodyCount = bodyCount
    }
}

/// One step of a response delivery (see ``HTTPResponseDeliveryStrategy``).
public enum HTTPDeliveryStep: Sendable, Hashable {
    /// Wait this long before the next step (negative counts as zero, which proceeds at once).
    case pause(Duration)
    /// Write the status line and header fields.
    case head
    /// Write the body up to this byte offset (clamped to the announced body; an offset
    /// at or before what was sent writes nothing).
    case body(through: Int)
    /// Stop writing and settle the connection.
    case finish(HTTPDeliveryEnding)
}

/// How a delivered response leaves its connection.
public enum HTTPDeliveryEnding: Sendable, Hashable {
    /// Keep the connection if the request and response allow it, as after any response.
    case keepAliveIfAllowed
    /// Close once the written bytes are sent, without announcing it (the client sees the
    /// stream end, for instance before `Content-Length` bytes).
    case close
    /// Abort with a TCP reset once the client has acknowledged the written bytes (or the
    /// write timeout passes): its next read fails with "connection reset by peer".
    case reset
}

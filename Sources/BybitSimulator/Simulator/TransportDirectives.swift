/// How an HTTP adapter must deliver a ``SimulatorResponse``, so that faults which live in
/// the transport (latency, slow bodies, cut connections) happen on the real socket.
///
/// Carry them out in this order:
/// 1. If ``reset`` is `.beforeResponse`, reset the connection (close with `SO_LINGER`
///    0 so the peer sees RST) without writing anything, and stop.
/// 2. Sleep ``delayBeforeHeaders``.
/// 3. Write the status line and headers, with `Content-Length` equal to the full
///    `body.count` even if less will be sent.
/// 4. Write the body: if ``trickle`` is set, in chunks of `chunkBytes`, sleeping `pause`
///    before each chunk after the first. Stop after ``bodyBytesToSend`` bytes.
/// 5. If ``reset`` is `.afterBodyBytes`, reset the connection there; else if fewer than
///    `body.count` bytes were sent (truncation) or ``closeConnection`` is set, close it
///    normally; otherwise keep it alive.
public struct TransportDirectives: Sendable, Hashable {
    /// Where a connection reset happens.
    public enum Reset: Sendable, Hashable {
        /// Reset instead of sending anything.
        case beforeResponse
        /// Send the headers and this many body bytes, then reset.
        case afterBodyBytes(Int)
    }

    /// A slow body: `chunkBytes` at a time, `pause` between chunks.
    public struct Trickle: Sendable, Hashable {
        /// Bytes per write (at least 1).
        public var chunkBytes: Int
        /// The pause before each chunk after the first.
        public var pause: Duration

        /// Creates a trickle.
        public init(chunkBytes: Int, pause: Duration) {
            self.chunkBytes = chunkBytes
            self.pause = pause
        }
    }

    /// How long to wait after reading the request before writing the headers.
    public var delayBeforeHeaders: Duration = .zero
    /// Write the body slowly.
    public var trickle: Trickle?
    /// Send only this many body bytes, then close; `nil` sends the whole body.
    public var truncateBodyAfter: Int?
    /// Reset the connection instead of finishing the response.
    public var reset: Reset?
    /// Close the connection after this response (the simulator sets it on 403 bans).
    public var closeConnection = false

    /// No special delivery: send everything now, keep the connection.
    public init() {}

    /// How many body bytes to write for a body of `bodyCount` bytes.
    public func bodyBytesToSend(bodyCount: Int) -> Int {
        var count = bodyCount
        if let truncateBodyAfter { count = min(count, truncateBodyAfter) }
        switch reset {
        case .beforeResponse: count = 0
        case .afterBodyBytes(let bytes): count = min(count, bytes)
        case nil: break
        }
        return count
    }

    /// Whether nothing unusual is asked of the transport.
    public var isPlain: Bool { self == TransportDirectives() }
}

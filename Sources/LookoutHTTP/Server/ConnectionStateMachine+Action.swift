extension ConnectionStateMachine {
    /// What ``Connection`` carries out for an event: the state machine decides, the
    /// connection only executes.
    enum Action: Sendable, Equatable {
        /// Nothing to do.
        case none
        /// Read from the socket into the input buffer with at least `minimumSpace` bytes of
        /// room; with `discard`, throw buffered and received input away (lingering).
        case read(minimumSpace: Int, discard: Bool)
        /// Parse a request head from the buffered input.
        case parseHead
        /// Move buffered body bytes into the request.
        case readBody
        /// Write `100 Continue`, then wait for the body.
        case sendContinue
        /// Hand the complete request to the middleware chain and handler.
        case dispatch
        /// Parse and dispatch buffered input again (output drained below the high-water mark).
        case processInput
        /// Write the delivered response's head, announcing `Connection: close` if `close`.
        case writeHead(close: Bool)
        /// Write these bytes of the delivered response's body.
        case writeBody(Range<Int>)
        /// The delivery is complete with `bodyBytes` body bytes written: report the request.
        case finishDelivery(bodyBytes: Int)
        /// Answer `408 Request Timeout` for `kind`, then close.
        case respondTimeout(HTTPTimeoutKind)
        /// Wake the connection (its timer fires) at this instant.
        case armTimer(MonotonicInstant)
        /// Shut the write side and discard input: lingering began.
        case shutdownWrite
        /// An abort is pending: ask the socket how many bytes are unacknowledged and report
        /// it with ``acknowledgementChecked(now:unacknowledged:timerArmed:)``.
        case awaitAcknowledgement
        /// Close with a TCP reset.
        case reset
        /// Close now, reporting a timeout of `kind` if there is one.
        case close(HTTPTimeoutKind?)
    }
}

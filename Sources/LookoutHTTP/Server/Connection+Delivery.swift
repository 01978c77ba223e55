/// A response written step by step under a fault plan (``HTTPResponseDelivery``): the
/// head after a delay, the body in timed chunks, possibly cut short.
///
/// While it lasts the connection's state machine stays in `processing`: no read timeout
/// runs (as for a slow handler), later pipelined requests wait, and a client that leaves
/// is reported with `499`. The write timeout still applies whenever output is stuck.
struct PendingDelivery {
    enum Step {
        /// Write the status line and header fields (after the initial delay).
        case head
        /// Write the next chunk of the body.
        case body
    }

    let response: HTTPResponse
    let progress: RequestInProgress
    /// Whether the request and response allow keeping the connection.
    let keepAlive: Bool
    var step = Step.head
    /// Body bytes to write in all (set when the head is written).
    var bodyLimit = 0
    /// Body bytes written so far.
    var bodySent = 0
}

extension Connection {
    /// Starts delivering `response` to the request `progress` according to its plan.
    func startDelivery(of response: HTTPResponse, for progress: RequestInProgress, keepAlive: Bool, loop: EventLoop) {
        delivery = PendingDelivery(response: response, progress: progress, keepAlive: keepAlive)
        let delay = response.delivery.delayBeforeHead.clampedNanoseconds
        if delay > 0 {
            loop.schedule(self, at: loop.now.adding(delay))
        } else {
            advanceDelivery(loop: loop)
        }
    }

    /// This connection's timer fired: continue the delivery, or retry a pending abort.
    func timerFired(loop: EventLoop) {
        if delivery != nil { advanceDelivery(loop: loop) }
        drive(loop: loop)
    }

    /// Runs delivery steps until one has to wait for a timer, or the response is complete.
    private func advanceDelivery(loop: EventLoop) {
        guard var pending = delivery else { return }
        let plan = pending.response.delivery
        if pending.step == .head {
            if plan.reset == .beforeHead {
                delivery = nil
                complete(pending, loop: loop)
                return
            }
            // `Connection: close` only when the connection closes for a graceful reason; a
            // truncation or reset is a fault the client must discover from the stream.
            let graceful = pending.keepAlive && machine.keepAlive
            let bodyFollows = ResponseEncoder.encodeHead(
                pending.response,
                framing: .init(omitBody: pending.progress.method == .head, close: !graceful,
                               announceKeepAlive: graceful && pending.progress.version == .http1_0),
                date: loop.date.bytes, into: output)
            pending.bodyLimit = bodyFollows ? plan.bodyBytesToSend(of: pending.response.body.count) : 0
            pending.step = .body
        }
        while pending.bodySent < pending.bodyLimit {
            let chunk = plan.trickle.map { max(1, $0.chunkBytes) } ?? pending.bodyLimit
            let end = pending.bodySent + min(chunk, pending.bodyLimit - pending.bodySent)
            pending.response.body.withUnsafeBytes { output.append(UnsafeRawBufferPointer(rebasing: $0[pending.bodySent..<end])) }
            pending.bodySent = end
            if end < pending.bodyLimit, let pause = plan.trickle?.pause.clampedNanoseconds, pause > 0 {
                delivery = pending
                loop.schedule(self, at: loop.now.adding(pause))
                return
            }
        }
        delivery = nil
        complete(pending, loop: loop)
    }

    /// Everything the plan sends is queued: settle keep-alive, close or abort, and report.
    private func complete(_ pending: PendingDelivery, loop: EventLoop) {
        let plan = pending.response.delivery
        let bodyCount = pending.progress.method == .head || pending.response.status.forbidsBody ? 0 : pending.response.body.count
        let truncated = plan.reset == nil && pending.bodySent < bodyCount
        let staysOpen = machine.queuedResponse(now: loop.now, keepAlive: pending.keepAlive && !truncated && plan.reset == nil)
        current = nil
        if !staysOpen { closeAfterOutput = true }
        if plan.reset != nil {
            abortAfterOutput = true
            abortDeadline = loop.now.adding(loop.shared.timeouts.write)
        }
        report(pending.progress, status: pending.response.status.code, responseBodyBytes: pending.bodySent, loop: loop)
    }

    /// Closes with a TCP reset once the client has acknowledged every byte written (a
    /// reset discards data still in the send queue), or at ``abortDeadline``.
    func abortOnceAcknowledged(loop: EventLoop) {
        if LinuxAPI.unacknowledgedBytes(fd) > 0, loop.now < abortDeadline {
            if timerDeadline == nil { loop.schedule(self, at: loop.now.adding(1_000_000)) }
            updateInterest(loop: loop)
            return
        }
        Socket.resetOnClose(fd)
        loop.close(self)
    }
}

extension ConnectionStateMachine {
    /// A response being written step by step by its ``HTTPResponseDeliveryStrategy``.
    ///
    /// While it lasts the phase stays `processing`: no read timeout runs (as for a slow
    /// handler), later pipelined requests wait, and a client that leaves is reported with
    /// `499`. The write timeout still applies whenever output is stuck.
    struct Delivery: Sendable {
        let strategy: any HTTPResponseDeliveryStrategy
        /// Whether the request and response allow keeping the connection.
        let keepAlive: Bool
        var progress: HTTPDeliveryProgress
        /// Waiting for a pause's timer.
        var paused = false
    }

    /// Steps in a row that may write nothing and wait for nothing before a delivery is
    /// ended as broken.
    static let maxIdleDeliverySteps = 64

    /// Starts writing a response with `strategy`; `bodyCount` is the body the head
    /// announces and may be followed by (0 for `HEAD` or a bodiless status).
    mutating func startDelivery(_ strategy: any HTTPResponseDeliveryStrategy, bodyCount: Int, keepAlive: Bool,
                                now: MonotonicInstant) -> Action
    {
        guard !isClosed else { return .none }
        delivery = Delivery(strategy: strategy, keepAlive: keepAlive, progress: HTTPDeliveryProgress(bodyCount: bodyCount))
        return advanceDelivery(now: now)
    }

    /// The connection carried out the last ``Action/writeHead(close:)`` or
    /// ``Action/writeBody(_:)``: the next delivery step.
    mutating func wroteDeliveryStep(now: MonotonicInstant) -> Action {
        advanceDelivery(now: now)
    }

    /// The connection's timer fired: continue a paused delivery (an abort's poll needs
    /// nothing here; the connection settles its output next).
    mutating func timerFired(now: MonotonicInstant) -> Action {
        guard !isClosed, var current = delivery, current.paused else { return .none }
        current.paused = false
        delivery = current
        return advanceDelivery(now: now)
    }

    /// Asks the strategy for steps until one writes, waits or finishes.
    private mutating func advanceDelivery(now: MonotonicInstant) -> Action {
        guard var current = delivery else { return .none }
        for _ in 0..<Self.maxIdleDeliverySteps {
            let step = current.strategy.step(after: current.progress)
            current.progress.stepsTaken += 1
            current.progress.lastStepWasPause = false
            switch step {
            case .pause(let duration):
                current.progress.lastStepWasPause = true
                let nanoseconds = duration.clampedNanoseconds
                guard nanoseconds > 0 else { continue }
                current.paused = true
                delivery = current
                return .armTimer(now.adding(nanoseconds))
            case .head:
                guard !current.progress.headWritten else { continue }
                current.progress.headWritten = true
                delivery = current
                // `Connection: close` only when the connection closes for a graceful reason;
                // a cut or reset is a fault the client must discover from the stream.
                return .writeHead(close: !(current.keepAlive && keepAlive))
            case .body(let offset):
                let start = current.progress.bodySent
                let end = min(max(offset, start), current.progress.bodyCount)
                guard current.progress.headWritten, end > start else { continue }
                current.progress.bodySent = end
                delivery = current
                return .writeBody(start..<end)
            case .finish(let ending):
                return finishDelivery(current, ending: ending, now: now)
            }
        }
        return finishDelivery(current, ending: .close, now: now)
    }

    private mutating func finishDelivery(_ finished: Delivery, ending: HTTPDeliveryEnding, now: MonotonicInstant) -> Action {
        delivery = nil
        _ = queuedResponse(now: now, keepAlive: finished.keepAlive && ending == .keepAliveIfAllowed)
        if ending == .reset { abortAfterWriting(now: now) }
        return .finishDelivery(bodyBytes: finished.progress.bodySent)
    }
}

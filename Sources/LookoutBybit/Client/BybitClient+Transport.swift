import LookoutCurl
import LookoutRateLimit

/// One call to a market endpoint, before it is sent.
struct BybitCall: Sendable {
    var endpoint: BybitEndpoint
    var query: [(String, String)]
    var symbol: String?
    var category: BybitCategory?
}

extension BybitClient {
    /// Sends `call` through the upstream guard and the concurrency limit, parses the body
    /// with `parse`, and executes the `RetryPolicy`'s decisions until it gets `retCode`
    /// 0. A call that fails for good is reported once, with its final error code.
    func perform<Value>(
        _ call: BybitCall,
        parse: (UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<Value>
    ) async throws(BybitError) -> BybitEnvelope<Value> {
        do {
            return try await attempts(call, parse: parse)
        } catch {
            events.callFailed(endpoint: call.endpoint, code: error.code)
            throw error
        }
    }

    /// Validates a call's parameters with `checks`, reporting a rejection as a failed call.
    func validate(_ endpoint: BybitEndpoint, _ checks: () throws(BybitError) -> Void) throws(BybitError) {
        do {
            try checks()
        } catch {
            events.callFailed(endpoint: endpoint, code: error.code)
            throw error
        }
    }

    /// The retry loop: send, evaluate, ask `RetryPolicy.decide(_:attempt:now:jitter:)`,
    /// execute the decision. Every policy choice is in `decide`; this only reports and acts.
    private func attempts<Value>(
        _ call: BybitCall,
        parse: (UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<Value>
    ) async throws(BybitError) -> BybitEnvelope<Value> {
        let url = configuration.baseURL.rawValue + call.endpoint.path + QueryString.encode(call.query)
        let host = configuration.baseURL.host
        let upstream = configuration.upstream
        let policy = configuration.retry
        let context = BybitError(code: .apiError, message: "", symbol: call.symbol, request: "GET \(url)")
        var random = SystemRandomNumberGenerator()
        var attempt = RetryAttempt(started: ContinuousClock.now)
        var history: [BybitError.Attempt] = []
        func stop(_ code: BybitError.Code, _ message: String, sent: Int) -> BybitError {
            var error = context.with(code, message, attempts: sent)
            error.earlierAttempts = history
            return error
        }
        while true {
            let sent: (result: Result<CurlResponse, CurlError>, duration: Duration)
            do {
                sent = try await send(url: url, host: host)
            } catch .banned(let remaining) {
                events.banActive(endpoint: call.endpoint, host: host, remaining: remaining)
                throw stop(.ipBanned, "\(host) answered HTTP 403 (IP ban); requests to it are refused for another \(Self.describe(remaining)). Bybit asks clients to stop for at least 10 minutes; a 403 also means the IP may be in the U.S.", sent: attempt.sent - 1)
            } catch {
                throw stop(.cancelled, "the calling task was cancelled", sent: attempt.sent - 1)
            }
            let evaluated = evaluate(sent.result, context: context, endpoint: call.endpoint, parse: parse)
            var failure = evaluated.failure
            failure?.attempts = attempt.sent
            failure?.earlierAttempts = history
            events.requestFinished(endpoint: call.endpoint, category: call.category, httpStatus: evaluated.httpStatus,
                                   retCode: evaluated.retCode, failure: failure?.code, duration: sent.duration)
            if evaluated.outcome == .banned {
                events.banStarted(host: host, isNew: upstream.recordForbidden(host: host), cooldown: upstream.configuration.banCooldown)
            }
            let decision = policy.decide(evaluated.outcome, attempt: attempt, now: ContinuousClock.now, jitter: Double.random(in: 0...1, using: &random))
            switch decision {
            case .succeed:
                guard let envelope = evaluated.envelope else { preconditionFailure("a success always carries its envelope") }
                return envelope
            case .retry(let delay, let reason):
                events.retryScheduled(endpoint: call.endpoint, reason: reason, delay: delay)
                if let failure { history.append(BybitError.Attempt(failure)) }
                attempt = attempt.after(decision)
                do { try await Task.sleep(for: delay) } catch {
                    throw stop(.cancelled, "the calling task was cancelled while waiting to retry", sent: attempt.sent - 1)
                }
            case .waitForBudget(let pause):
                // Every request to the host pauses, and the shared budget shrinks; the next
                // admission waits for both.
                rateLimited(call.endpoint, host: host, pause: pause)
                events.retryScheduled(endpoint: call.endpoint, reason: .rateLimited, delay: pause)
                if let failure { history.append(BybitError.Attempt(failure)) }
                attempt = attempt.after(decision)
            case .failFast(let why):
                guard var failure else { preconditionFailure("only a failed attempt fails") }
                if case .rateLimited(let resetAfter) = evaluated.outcome {
                    // Hold every request to this host, not just this one, even when giving up.
                    rateLimited(call.endpoint, host: host, pause: resetAfter ?? policy.rateLimitDelay)
                }
                switch why {
                case .attemptsExhausted where attempt.sent > 1:
                    failure.message += " (gave up after \(attempt.sent) attempts)"
                case .deadlineExceeded:
                    failure.message += " (gave up after \(attempt.sent) attempt\(attempt.sent == 1 ? "" : "s"): the next retry would pass the \(Self.describe(policy.deadline)) retry deadline)"
                default:
                    break
                }
                throw failure
            }
        }
    }

    private func rateLimited(_ endpoint: BybitEndpoint, host: String, pause: Duration) {
        let before = configuration.upstream.effectiveLimit
        let after = configuration.upstream.recordRateLimited(host: host, pause: pause)
        events.rateLimitHit(endpoint: endpoint, host: host, pause: pause)
        events.budgetChanged(effective: after, ceiling: configuration.upstream.configuration.requestsPerWindow, decreased: after < before)
    }

    /// One HTTP attempt: takes a slot of the client's concurrency limit, then admission
    /// from the upstream guard (so the budget is granted right before sending and a ban
    /// that started while waiting is seen), then sends.
    private func send(url: String, host: String) async throws(UpstreamGuard<ContinuousClock>.Refusal) -> (result: Result<CurlResponse, CurlError>, duration: Duration) {
        let waitStart = ContinuousClock.now
        do { try await requestPermits.acquire() } catch { throw .cancelled }
        defer { requestPermits.release() }
        _ = try await configuration.upstream.admit(host: host)
        let start = ContinuousClock.now
        events.limiterWaited(waitStart.duration(to: start))
        events.inFlightChanged(by: 1)
        defer { events.inFlightChanged(by: -1) }
        do {
            let response = try await http.execute(CurlRequest(method: .get, url: url, headers: ["Accept": "application/json"]))
            return (.success(response), start.duration(to: .now))
        } catch {
            return (.failure(error), start.duration(to: .now))
        }
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = max(0, Int((RetryPolicy.nanoseconds(duration) + 999_999_999) / 1_000_000_000))
        return seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds) s"
    }
}

extension BybitError {
    /// A copy with another code and message, keeping the request context.
    func with(_ code: Code, _ message: String, attempts: Int? = nil) -> BybitError {
        var copy = self
        copy.code = code
        copy.message = message
        if let attempts { copy.attempts = attempts }
        return copy
    }
}

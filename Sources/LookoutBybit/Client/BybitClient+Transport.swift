import LookoutCurl

/// One call to a market endpoint, before it is sent.
struct BybitCall: Sendable {
    var endpoint: BybitEndpoint
    var query: [(String, String)]
    var symbol: String?
    var category: BybitCategory?
}

extension BybitClient {
    /// Sends `call` through the upstream guard and the concurrency limit, parses the body
    /// with `parse`, and retries per the ``RetryPolicy`` until it gets `retCode` 0. A call
    /// that fails for good is reported once, with its final error code.
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

    private func attempts<Value>(
        _ call: BybitCall,
        parse: (UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<Value>
    ) async throws(BybitError) -> BybitEnvelope<Value> {
        let url = configuration.baseURL.rawValue + call.endpoint.path + QueryString.encode(call.query)
        let host = configuration.baseURL.host
        let upstream = configuration.upstream
        var context = BybitError(code: .apiError, message: "", symbol: call.symbol, request: "GET \(url)")
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            context.attempts = attempt
            let outcome: (result: Result<CurlResponse, CurlError>, duration: Duration)
            do {
                outcome = try await send(url: url, host: host)
            } catch .banned(let remaining) {
                events.banActive(endpoint: call.endpoint, host: host, remaining: remaining)
                throw context.with(.ipBanned, "\(host) answered HTTP 403 (IP ban); requests to it are refused for another \(Self.describe(remaining)). Bybit asks clients to stop for at least 10 minutes; a 403 also means the IP may be in the U.S.", attempts: attempt - 1)
            } catch {
                throw context.with(.cancelled, "the calling task was cancelled", attempts: attempt - 1)
            }
            let duration = outcome.duration
            var failure: BybitError
            var reason: RetryReason?
            var resetAfter: Duration?
            switch outcome.result {
            case .failure(let error):
                if error.code == .cancelled {
                    events.requestFinished(endpoint: call.endpoint, category: call.category, httpStatus: nil, retCode: nil, failure: .cancelled, duration: duration)
                    throw context.with(.cancelled, "the calling task was cancelled", attempts: attempt)
                }
                let timedOut = error.code == .timedOut
                failure = context.with(timedOut ? .timeout : .transport, error.message)
                failure.transport = error
                reason = timedOut ? .timeout : (error.isTransient ? .connection : nil)
            case .success(let response):
                context.httpStatus = response.status
                if response.status == 403 {
                    events.requestFinished(endpoint: call.endpoint, category: call.category, httpStatus: 403, retCode: nil, failure: .ipBanned, duration: duration)
                    events.banStarted(host: host, isNew: upstream.recordForbidden(host: host), cooldown: upstream.configuration.banCooldown)
                    throw context.with(.ipBanned, "HTTP 403: Bybit banned this IP (rate limit breached) or refuses its region; all requests to \(host) stop for \(Self.describe(upstream.configuration.banCooldown))")
                }
                let parsed = parseBody(response.body, endpoint: call.endpoint, parse: parse)
                switch (response.status, parsed) {
                case (200..<300, .success(let envelope)):
                    context.retCode = envelope.retCode
                    context.retMsg = envelope.retMsg
                    if envelope.retCode == 0 {
                        events.requestFinished(endpoint: call.endpoint, category: call.category, httpStatus: response.status, retCode: 0, failure: nil, duration: duration)
                        return envelope
                    }
                    (failure, reason) = classify(envelope, context: context)
                    if envelope.retCode == 10006 {
                        resetAfter = Self.resetDelay(response.headers["X-Bapi-Limit-Reset-Timestamp"], serverTime: envelope.time)
                    }
                case (200..<300, .failure(let parseFailure)):
                    failure = context.with(.malformedResponse, parseFailure.message)
                    reason = .malformedResponse
                default:
                    if case .success(let envelope) = parsed {
                        context.retCode = envelope.retCode
                        context.retMsg = envelope.retMsg
                    }
                    let snippet = response.body.withUnsafeBufferPointer { EnvelopeParser.snippet($0) }
                    switch response.status {
                    case 429:
                        failure = context.with(.serverBusy, "HTTP 429: Bybit's system-level frequency protection; body \(snippet)")
                        reason = .tooManyRequests
                    case 500...:
                        failure = context.with(.serverBusy, "HTTP \(response.status) from Bybit; body \(snippet)")
                        reason = .serverError
                    default:
                        failure = context.with(.httpStatus, "HTTP \(response.status) is not a Bybit answer this client retries (wrong base URL or path?); body \(snippet)")
                    }
                }
            }
            events.requestFinished(endpoint: call.endpoint, category: call.category, httpStatus: failure.httpStatus, retCode: failure.retCode, failure: failure.code, duration: duration)
            let retryDelay = reason.flatMap { configuration.retry.delay(after: attempt, reason: $0, resetAfter: resetAfter, using: &random) }
            if reason == .rateLimited {
                // Hold every request to this host, not just this one, even when giving up.
                let pause = retryDelay ?? resetAfter ?? configuration.retry.rateLimitDelay
                events.rateLimitHit(endpoint: call.endpoint, host: host, pause: pause)
                upstream.recordRateLimited(host: host, pause: pause)
            }
            guard let reason, let delay = retryDelay else {
                if reason != nil, attempt > 1 { failure.message += " (gave up after \(attempt) attempts)" }
                throw failure
            }
            events.retryScheduled(endpoint: call.endpoint, reason: reason, delay: delay)
            do { try await Task.sleep(for: delay) } catch {
                throw context.with(.cancelled, "the calling task was cancelled while waiting to retry", attempts: attempt)
            }
        }
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

    private func parseBody<Value>(
        _ body: [UInt8], endpoint: BybitEndpoint,
        parse: (UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<Value>
    ) -> Result<BybitEnvelope<Value>, ParseFailure> {
        let start = ContinuousClock.now
        let result = body.withUnsafeBufferPointer { bytes in
            Result<BybitEnvelope<Value>, ParseFailure> { () throws(ParseFailure) in try parse(bytes) }
        }
        events.parsed(endpoint: endpoint, bytes: body.count, duration: start.duration(to: .now))
        return result
    }

    /// Maps a non-zero retCode to an error and, if it is transient, a retry reason.
    private func classify<Value>(_ envelope: BybitEnvelope<Value>, context: BybitError) -> (BybitError, RetryReason?) {
        let said = "Bybit answered retCode \(envelope.retCode) \"\(envelope.retMsg)\""
        switch BybitError.Code(retCode: envelope.retCode) {
        case .rateLimited:
            return (context.with(.rateLimited, "\(said): too many requests from this IP or account"), .rateLimited)
        case .serverBusy:
            return (context.with(.serverBusy, "\(said): a transient server problem"), .serverBusy)
        case .badRequest:
            return (context.with(.badRequest, "\(said): check the symbol exists in this category and the parameters are valid"), nil)
        default:
            return (context.with(.apiError, said), nil)
        }
    }

    /// The wait `X-Bapi-Limit-Reset-Timestamp` asks for, measured on the server's clock
    /// when the body has one; `nil` when the header is absent, unparseable or in the past.
    static func resetDelay(_ header: String?, serverTime: Int64?) -> Duration? {
        guard let header, let reset = Int64(header) else { return nil }
        let wait = reset - (serverTime ?? wallClockMilliseconds())
        guard wait > 0 else { return nil }
        return .milliseconds(min(wait, 60_000))
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

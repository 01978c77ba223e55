import LookoutCurl
import LookoutRateLimit

/// What one HTTP attempt amounted to: its ``UpstreamOutcome`` for the retry policy, the
/// envelope on success, and the error describing this attempt alone otherwise.
struct AttemptEvaluation<Value> {
    var outcome: UpstreamOutcome
    var envelope: BybitEnvelope<Value>?
    var failure: BybitError?
    /// The HTTP status received, if any.
    var httpStatus: Int?
    /// The envelope's retCode, if one was parsed.
    var retCode: Int?
}

extension BybitClient {
    /// Maps one attempt's response or transport error to an ``AttemptEvaluation``. The
    /// error starts from `context` (symbol and request) and carries only this attempt's
    /// HTTP status and retCode, never an earlier attempt's.
    func evaluate<Value>(
        _ result: Result<CurlResponse, CurlError>, context: BybitError, endpoint: BybitEndpoint,
        parse: (UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<Value>
    ) -> AttemptEvaluation<Value> {
        switch result {
        case .failure(let error):
            let outcome = Self.outcome(transport: error)
            if outcome == .cancelled {
                return AttemptEvaluation(outcome: .cancelled, failure: context.with(.cancelled, "the calling task was cancelled"))
            }
            var failure = context.with(error.code == .timedOut ? .timeout : .transport, error.message)
            failure.transport = error
            return AttemptEvaluation(outcome: outcome, failure: failure)
        case .success(let response):
            var context = context
            context.httpStatus = response.status
            if response.status == 403 {
                let cooldown = configuration.upstream.configuration.banCooldown
                return AttemptEvaluation(outcome: .banned, failure: context.with(.ipBanned, "HTTP 403: Bybit banned this IP (rate limit breached) or refuses its region; all requests to \(configuration.baseURL.host) stop for \(Self.describe(cooldown))"), httpStatus: 403)
            }
            let parsed = parseBody(response.body, endpoint: endpoint, parse: parse)
            if case .success(let envelope) = parsed {
                context.retCode = envelope.retCode
                context.retMsg = envelope.retMsg
            }
            var evaluation: AttemptEvaluation<Value>
            switch (response.status, parsed) {
            case (200..<300, .success(var envelope)):
                if envelope.time == nil {
                    // No server clock in the body: the response's Date header is the next best.
                    envelope.time = response.headers["Date"].flatMap { HTTPDate.milliseconds($0) }
                }
                if envelope.retCode == 0 {
                    evaluation = AttemptEvaluation(outcome: .success, envelope: envelope)
                } else {
                    let reset = Self.resetDelay(response.headers["X-Bapi-Limit-Reset-Timestamp"], serverTime: envelope.time)
                    evaluation = AttemptEvaluation(outcome: Self.outcome(retCode: envelope.retCode, resetAfter: reset),
                                                   failure: Self.failure(retCode: envelope.retCode, retMsg: envelope.retMsg, context: context))
                }
            case (200..<300, .failure(let parseFailure)):
                evaluation = AttemptEvaluation(outcome: .transient(.malformedResponse), failure: context.with(.malformedResponse, parseFailure.message))
            default:
                let snippet = response.body.withUnsafeBufferPointer { EnvelopeParser.snippet($0) }
                let outcome = Self.outcome(httpStatus: response.status)
                let failure: BybitError
                switch outcome {
                case .transient(.tooManyRequests):
                    failure = context.with(.serverBusy, "HTTP 429: Bybit's system-level frequency protection; body \(snippet)")
                case .transient:
                    failure = context.with(.serverBusy, "HTTP \(response.status) from Bybit; body \(snippet)")
                default:
                    failure = context.with(.httpStatus, "HTTP \(response.status) is not a Bybit answer this client retries (wrong base URL or path?); body \(snippet)")
                }
                evaluation = AttemptEvaluation(outcome: outcome, failure: failure)
            }
            evaluation.httpStatus = response.status
            evaluation.retCode = context.retCode
            return evaluation
        }
    }

    /// The outcome of a transport failure: cancelled, or transient when a retry may help.
    static func outcome(transport error: CurlError) -> UpstreamOutcome {
        if error.code == .cancelled { return .cancelled }
        if error.code == .timedOut { return .transient(.timeout) }
        return error.isTransient ? .transient(.connection) : .rejected
    }

    /// The outcome of an HTTP status that did not carry a usable 2xx envelope.
    static func outcome(httpStatus status: Int) -> UpstreamOutcome {
        switch status {
        case 403: .banned
        case 429: .transient(.tooManyRequests)
        case 500...: .transient(.serverError)
        default: .rejected
        }
    }

    /// The outcome of a non-zero retCode in an HTTP 2xx envelope.
    static func outcome(retCode: Int, resetAfter: Duration?) -> UpstreamOutcome {
        switch BybitError.Code(retCode: retCode) {
        case .rateLimited: .rateLimited(resetAfter: resetAfter)
        case .serverBusy: .transient(.serverBusy)
        default: .rejected
        }
    }

    /// The error for a non-zero retCode.
    static func failure(retCode: Int, retMsg: String, context: BybitError) -> BybitError {
        let said = "Bybit answered retCode \(retCode) \"\(retMsg)\""
        switch BybitError.Code(retCode: retCode) {
        case .rateLimited: return context.with(.rateLimited, "\(said): too many requests from this IP or account")
        case .serverBusy: return context.with(.serverBusy, "\(said): a transient server problem")
        case .badRequest: return context.with(.badRequest, "\(said): check the symbol exists in this category and the parameters are valid")
        default: return context.with(.apiError, said)
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

    /// The wait `X-Bapi-Limit-Reset-Timestamp` asks for, measured on the server's clock
    /// when the body has one; `nil` when the header is absent, unparseable or in the past.
    static func resetDelay(_ header: String?, serverTime: Int64?) -> Duration? {
        guard let header, let reset = Int64(header) else { return nil }
        let wait = reset - (serverTime ?? wallClockMilliseconds())
        guard wait > 0 else { return nil }
        return .milliseconds(min(wait, 60_000))
    }
}

/// A request between its head and its response.
struct RequestInProgress {
    /// The request; `nil` once handed to the middleware chain.
    var request: HTTPRequest?
    let method: HTTPMethod
    let version: HTTPVersion
    let context: HTTPRequestContext
    let keepAlive: Bool
    /// When the head was parsed.
    let start: MonotonicInstant
    /// Content-Length bytes still to read.
    var bodyRemaining: Int
    /// The chunked decoder, for chunked bodies.
    var decoder: ChunkedBodyDecoder?
    /// Body bytes received so far.
    var bodyBytes = 0
    /// Whether the observer was told the request started.
    var started = false
}

extension Connection {
    /// Parses and dispatches as many buffered requests as possible, in order, as long as
    /// the machine asks for it.
    func processInput(loop: EventLoop) {
        while true {
            let step = machine.nextInputStep(
                now: loop.now, inputBuffered: input.readableCount, outputPending: output.readableCount)
            switch step {
            case .parseHead:
                let head: ParsedRequestHead
                do {
                    guard let parsed = try parser.parseHead(input.readableBytes) else { return }
                    head = parsed
                } catch {
                    respondWithError(error, loop: loop)
                    return
                }
                parser.reset()
                input.consume(head.length)
                begin(head, loop: loop)
            case .readBody:
                guard readBody(loop: loop) else { return }
                if case .dispatch = machine.completedBody() { dispatch(loop: loop) }
            default:
                return
            }
        }
    }

    /// Starts a request whose head was parsed: routes it, then reads its body or dispatches.
    private func begin(_ head: ParsedRequestHead, loop: EventLoop) {
        let request = head.request
        let context = loop.shared.routes.context(for: request, remoteAddress: remoteAddress)
        var progress = RequestInProgress(
            request: request, method: request.method, version: request.version, context: context,
            keepAlive: head.keepAlive, start: MonotonicInstant.now(), bodyRemaining: 0)
        switch head.framing {
        case .none:
            break
        case .contentLength(let length):
            progress.bodyRemaining = length
            progress.request?.body.reserveCapacity(length)
        case .chunked:
            let limits = loop.shared.configuration.limits
            progress.decoder = ChunkedBodyDecoder(maxBodySize: limits.maxBodySize, maxTrailerSize: limits.maxHeaderSize)
        }
        current = progress
        let action = machine.parsedHead(
            now: loop.now, hasBody: head.framing != .none, keepAlive: head.keepAlive,
            expectsContinue: head.expectsContinue, inputBuffered: input.readableCount)
        switch action {
        case .dispatch: dispatch(loop: loop)
        case .sendContinue: ResponseEncoder.encodeContinue(into: output)
        default: break
        }
    }

    /// Moves buffered body bytes into the request. Returns `true` once the body is complete.
    private func readBody(loop: EventLoop) -> Bool {
        guard var progress = current, var request = progress.request else { return false }
        // Detach the request so its body is uniquely referenced while it grows.
        progress.request = nil
        current = nil
        var complete = false
        var failure: HTTPParseError?
        if var decoder = progress.decoder {
            do {
                let before = request.body.count
                input.consume(try decoder.decode(input.readableBytes, into: &request.body))
                progress.bodyBytes += request.body.count - before
                progress.decoder = decoder
                complete = decoder.isComplete
            } catch {
                failure = error
            }
        } else {
            let take = min(progress.bodyRemaining, input.readableCount)
            request.body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input.readableBytes[0..<take]))
            input.consume(take)
            progress.bodyRemaining -= take
            progress.bodyBytes += take
            complete = progress.bodyRemaining == 0
        }
        progress.request = request
        current = progress
        if let failure {
            respondWithError(failure, loop: loop)
            return false
        }
        return complete
    }

    /// Hands the complete request to the middleware chain and handler.
    private func dispatch(loop: EventLoop) {
        guard var progress = current, let request = progress.request else { return }
        progress.request = nil
        progress.started = true
        current = progress
        input.shrinkIfEmpty()
        loop.shared.observer?.requestStarted(method: progress.method, route: progress.context.route)

        let result = loop.shared.chain.respond(to: request, context: progress.context)
        switch result.storage {
        case .ready(let response):
            finish(with: response, loop: loop)
        case .deferred(let operation):
            let mailbox = loop.mailbox
            let fd = self.fd
            let id = self.id
            task = Task {
                let response = await operation()
                mailbox.post(.response(fd: fd, connectionID: id, response: response))
            }
        }
    }

    /// Queues the response for the current request.
    func finish(with response: HTTPResponse, loop: EventLoop) {
        guard let progress = current else { return }
        var response = response
        if let problem = ResponseEncoder.headerProblem(response) {
            loop.shared.observer?.handlerFailed(
                route: progress.context.route, error: HTTPError(.internalServerError, problem))
            response = .problem(.internalServerError, detail: "the server produced an invalid response")
        }
        var keepAlive = progress.keepAlive && !ResponseEncoder.requestsClose(response)
        if let strategy = response.deliveryStrategy {
            if strategy.closesConnection { keepAlive = false }
            if !strategy.isImmediate {
                let bodyCount = progress.method == .head || response.status.forbidsBody ? 0 : response.body.count
                delivering = response
                deliver(machine.startDelivery(strategy, bodyCount: bodyCount, keepAlive: keepAlive, now: loop.now), loop: loop)
                return
            }
        }
        let staysOpen = machine.queuedResponse(now: loop.now, keepAlive: keepAlive)
        let bodyBytes = ResponseEncoder.encode(
            response,
            framing: .init(
                omitBody: progress.method == .head, close: !staysOpen,
                announceKeepAlive: staysOpen && progress.version == .http1_0),
            date: loop.date.bytes, into: output)
        current = nil
        report(progress, status: response.status.code, responseBodyBytes: bodyBytes, loop: loop)
    }

    /// Answers a request that cannot be handled (parse error) and closes after the answer.
    func respondWithError(_ error: HTTPParseError, loop: EventLoop) {
        respondWithError(status: HTTPStatus(code: error.statusCode), detail: error.message, loop: loop)
    }

    /// Answers with a problem response and closes after it; the rest of the input is dropped.
    func respondWithError(status: HTTPStatus, detail: String, loop: EventLoop) {
        let progress = current ?? RequestInProgress(
            request: nil, method: .other, version: .http1_1,
            context: HTTPRequestContext(route: HTTPRequestContext.unmatchedRoute, parameters: HTTPRouteParameters(),
                                        remoteAddress: remoteAddress, endpoint: nil),
            keepAlive: false, start: MonotonicInstant.now(), bodyRemaining: 0)
        if !progress.started {
            loop.shared.observer?.requestStarted(method: progress.method, route: progress.context.route)
        }
        _ = machine.queuedResponse(now: loop.now, keepAlive: false)
        let response = HTTPResponse.problem(status, detail: detail)
        let bodyBytes = ResponseEncoder.encode(
            response, framing: .init(omitBody: progress.method == .head, close: true, announceKeepAlive: false),
            date: loop.date.bytes, into: output)
        current = nil
        input.clear()
        report(progress, status: status.code, responseBodyBytes: bodyBytes, loop: loop)
    }

    /// Tells the observer a request finished.
    func report(_ progress: RequestInProgress, status: Int, responseBodyBytes: Int, loop: EventLoop) {
        guard let observer = loop.shared.observer else { return }
        observer.requestFinished(HTTPRequestRecord(
            method: progress.method, route: progress.context.route, status: status,
            duration: MonotonicInstant.now().seconds(since: progress.start),
            requestBodyBytes: progress.bodyBytes, responseBodyBytes: responseBodyBytes))
    }
}

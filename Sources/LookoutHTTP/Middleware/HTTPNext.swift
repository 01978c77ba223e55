/// The rest of the middleware chain after the current middleware, ending in the route
/// handler (or the router's `404`/`405` answer).
///
/// Calling it never throws: an error thrown further down the chain has already become a
/// problem response, so each middleware sees a response for every request.
public struct HTTPNext: Sendable {
    let chain: MiddlewareChain
    let index: Int

    /// Runs the remaining middleware and the handler for `request`.
    public func callAsFunction(_ request: HTTPRequest, _ context: HTTPRequestContext) -> HTTPResult {
        chain.respond(to: request, context: context, from: index)
    }
}

/// The router's middleware in order, followed by route dispatch. Immutable once built.
final class MiddlewareChain: Sendable {
    private let middleware: [any HTTPMiddleware]
    private let observer: (any HTTPServerObserver)?

    init(middleware: [any HTTPMiddleware], observer: (any HTTPServerObserver)?) {
        self.middleware = middleware
        self.observer = observer
    }

    /// Runs the whole chain for `request`.
    func respond(to request: HTTPRequest, context: HTTPRequestContext) -> HTTPResult {
        respond(to: request, context: context, from: 0)
    }

    func respond(to request: HTTPRequest, context: HTTPRequestContext, from index: Int) -> HTTPResult {
        guard index < middleware.count else {
            return RouteDispatch.respond(to: request, context: context, observer: observer)
        }
        do {
            return try middleware[index].handle(request, context: context, next: HTTPNext(chain: self, index: index + 1))
        } catch {
            observer?.handlerFailed(route: context.route, error: error)
            return .response(HTTPResponse(error: error))
        }
    }
}

extension HTTPResponse {
    /// The response for an error thrown by a handler or middleware: its own problem for an
    /// ``HTTPError``, the parse error's status for an ``HTTPParseError``, otherwise a
    /// generic `500` that does not reveal the error.
    init(error: any Error) {
        switch error {
        case let error as HTTPError:
            self = error.response
        case let error as HTTPParseError:
            self = .problem(HTTPStatus(code: error.statusCode), detail: error.message)
        default:
            self = .problem(.internalServerError, detail: "the server failed to handle the request")
        }
    }
}

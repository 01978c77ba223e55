/// A route handler: synchronous ones run inline on the event loop, async ones in a `Task`.
enum RouteHandler: Sendable {
    case sync(HTTPRouter.Handler)
    case async(HTTPRouter.AsyncHandler)
    case result(HTTPRouter.ResultHandler)
}

/// Everything registered for one route template: its handlers by method and the `Allow`
/// header they imply. Immutable once built.
final class RouteEndpoint: Sendable {
    /// The template, used as the route label.
    let template: String
    /// The template's parameter names in order.
    let parameterNames: [String]
    /// The value of the `Allow` header for this route, for example `GET, HEAD, OPTIONS`.
    let allow: String
    private let handlers: [RouteHandler?]

    init(template: RouteTemplate, handlers: [(HTTPMethod, RouteHandler)]) {
        self.template = template.text
        parameterNames = template.parameterNames
        var table = [RouteHandler?](repeating: nil, count: HTTPMethod.ordinalCount)
        for (method, handler) in handlers { table[method.ordinal] = handler }
        self.handlers = table
        var allowed = Set(handlers.map(\.0))
        if allowed.contains(.get) { allowed.insert(.head) }
        allowed.insert(.options)
        allow = HTTPMethod.implemented.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
    }

    /// The handler for `method`; `HEAD` falls back to `GET`.
    func handler(for method: HTTPMethod) -> RouteHandler? {
        if let handler = handlers[method.ordinal] { return handler }
        return method == .head ? handlers[HTTPMethod.get.ordinal] : nil
    }
}

/// The end of the middleware chain: calls the matched handler, or answers `404`, `405`
/// (with `Allow`) or an automatic `OPTIONS`.
enum RouteDispatch {
    static func respond(
        to request: HTTPRequest, context: HTTPRequestContext, observer: (any HTTPServerObserver)?
    ) -> HTTPResult {
        guard let endpoint = context.endpoint else {
            return .response(.problem(.notFound, detail: "no route matches \(request.method) \(request.path)"))
        }
        switch endpoint.handler(for: request.method) {
        case .sync(let handler)?:
            do {
                return .response(try handler(request, context))
            } catch {
                observer?.handlerFailed(route: context.route, error: error)
                return .response(HTTPResponse(error: error))
            }
        case .async(let handler)?:
            return .deferred {
                do {
                    return try await handler(request, context)
                } catch {
                    observer?.handlerFailed(route: context.route, error: error)
                    return HTTPResponse(error: error)
                }
            }
        case .result(let handler)?:
            return handler(request, context)
        case nil where request.method == .options:
            return .response(HTTPResponse(status: .noContent, headers: ["Allow": endpoint.allow]))
        case nil:
            return .response(.problem(
                ProblemDetails(
                    status: .methodNotAllowed,
                    detail: "\(endpoint.template) does not support \(request.method); use \(endpoint.allow)"),
                headers: ["Allow": endpoint.allow]))
        }
    }
}

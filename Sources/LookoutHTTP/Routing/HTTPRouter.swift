/// Maps method and route template to handlers, and holds the middleware chain.
///
/// Build a router, then hand it to ``HTTPServer``; the server compiles it into an
/// immutable table and reports *every* invalid or conflicting route at once when it is
/// created, rather than failing on the first. Handlers are either synchronous, run inline
/// on the event loop (use these for cheap work such as health checks and `/metrics`), or
/// `async`, run in a `Task` (use these for anything that waits, such as an upstream call).
///
/// ```swift
/// var router = HTTPRouter()
/// router.get("/healthz") { _, _ in .text("ok") }
/// router.get("/api/v1/klines/{symbol}") { request, context in
///     let symbol = context.parameters["symbol"] ?? ""
///     return try .json(await upstream.klines(symbol: symbol))
/// }
/// router.use(RequireToken(token: secret))
/// ```
public struct HTTPRouter: Sendable {
    /// A synchronous handler. It runs on an event loop thread and must not block.
    public typealias Handler = @Sendable (HTTPRequest, HTTPRequestContext) throws -> HTTPResponse
    /// An asynchronous handler, run in a `Task`; the loop stays free while it waits.
    public typealias AsyncHandler = @Sendable (HTTPRequest, HTTPRequestContext) async throws -> HTTPResponse
    /// A handler that decides per request whether it answers now or in a task: for routes
    /// that can usually answer from memory (a cache hit) and only sometimes must wait.
    /// It cannot throw: turn errors into responses (``HTTPResult/deferred(_:)`` included).
    public typealias ResultHandler = @Sendable (HTTPRequest, HTTPRequestContext) -> HTTPResult

    struct Definition: Sendable {
        let method: HTTPMethod
        let template: String
        let handler: RouteHandler
    }

    private(set) var definitions: [Definition] = []
    private(set) var middleware: [any HTTPMiddleware] = []

    /// An empty router: every request gets `404`.
    public init() {}

    /// Registers a synchronous `handler` for `method` on `template`.
    public mutating func on(_ method: HTTPMethod, _ template: String, handler: @escaping Handler) {
        definitions.append(Definition(method: method, template: template, handler: .sync(handler)))
    }

    /// Registers an asynchronous `handler` for `method` on `template`.
    public mutating func on(_ method: HTTPMethod, _ template: String, handler: @escaping AsyncHandler) {
        definitions.append(Definition(method: method, template: template, handler: .async(handler)))
    }

    /// Registers a `handler` for `method` on `template` that answers now
    /// (``HTTPResult/response(_:)``, on the event loop, no task) or later
    /// (``HTTPResult/deferred(_:)``), request by request.
    public mutating func on(_ method: HTTPMethod, _ template: String, result handler: @escaping ResultHandler) {
        definitions.append(Definition(method: method, template: template, handler: .result(handler)))
    }

    /// Registers a `GET` handler (which also answers `HEAD`) that answers now or later,
    /// request by request.
    public mutating func get(_ template: String, result handler: @escaping ResultHandler) { on(.get, template, result: handler) }

    /// Registers a synchronous `GET` handler (which also answers `HEAD`).
    public mutating func get(_ template: String, handler: @escaping Handler) { on(.get, template, handler: handler) }
    /// Registers an asynchronous `GET` handler (which also answers `HEAD`).
    public mutating func get(_ template: String, handler: @escaping AsyncHandler) { on(.get, template, handler: handler) }
    /// Registers a synchronous `POST` handler.
    public mutating func post(_ template: String, handler: @escaping Handler) { on(.post, template, handler: handler) }
    /// Registers an asynchronous `POST` handler.
    public mutating func post(_ template: String, handler: @escaping AsyncHandler) { on(.post, template, handler: handler) }
    /// Registers a synchronous `PUT` handler.
    public mutating func put(_ template: String, handler: @escaping Handler) { on(.put, template, handler: handler) }
    /// Registers an asynchronous `PUT` handler.
    public mutating func put(_ template: String, handler: @escaping AsyncHandler) { on(.put, template, handler: handler) }
    /// Registers a synchronous `DELETE` handler.
    public mutating func delete(_ template: String, handler: @escaping Handler) { on(.delete, template, handler: handler) }
    /// Registers an asynchronous `DELETE` handler.
    public mutating func delete(_ template: String, handler: @escaping AsyncHandler) { on(.delete, template, handler: handler) }

    /// Every registered route as method and template, in registration order (for route
    /// listings and documents such as OpenAPI that must match what is served).
    public var routes: [(method: HTTPMethod, template: String)] { definitions.map { ($0.method, $0.template) } }

    /// Appends `middleware` to the chain; middleware runs in the order added.
    public mutating func use(_ middleware: some HTTPMiddleware) { self.middleware.append(middleware) }

    /// Appends closure middleware to the chain.
    public mutating func use(
        _ body: @escaping @Sendable (HTTPRequest, HTTPRequestContext, HTTPNext) throws -> HTTPResult
    ) {
        middleware.append(ClosureMiddleware(body))
    }
}

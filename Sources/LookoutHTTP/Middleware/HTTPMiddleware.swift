/// A step between the server and the route handler that can inspect or change the
/// request, answer it itself (short-circuit), or transform the response.
///
/// Middleware runs on the event loop thread, in the order it was added to the router, for
/// every request that parsed, including those that match no route (their context's
/// ``HTTPRequestContext/route`` is `"unmatched"`). It must be cheap and must not block:
/// anything slow belongs in a ``HTTPResult/deferred(_:)`` result.
///
/// ```swift
/// struct RequireToken: HTTPMiddleware {
///     let token: String
///     func handle(_ request: HTTPRequest, context: HTTPRequestContext, next: HTTPNext) throws -> HTTPResult {
///         guard request.headers["Authorization"] == "Bearer \(token)" else {
///             throw HTTPError(.unauthorized, "send 'Authorization: Bearer <token>'")
///         }
///         return next(request, context).map { response in
///             var response = response
///             response.headers.add("Cache-Control", "no-store")
///             return response
///         }
///     }
/// }
/// ```
/// Errors thrown here become problem responses, as they do from handlers.
public protocol HTTPMiddleware: Sendable {
    /// Handles `request`, usually by calling `next` and returning (or mapping) its result.
    func handle(_ request: HTTPRequest, context: HTTPRequestContext, next: HTTPNext) throws -> HTTPResult
}

/// Middleware made from a closure, for one-off steps that do not deserve a type.
public struct ClosureMiddleware: HTTPMiddleware {
    private let body: @Sendable (HTTPRequest, HTTPRequestContext, HTTPNext) throws -> HTTPResult

    /// Middleware that runs `body`.
    public init(_ body: @escaping @Sendable (HTTPRequest, HTTPRequestContext, HTTPNext) throws -> HTTPResult) {
        self.body = body
    }

    /// Runs the closure.
    public func handle(_ request: HTTPRequest, context: HTTPRequestContext, next: HTTPNext) throws -> HTTPResult {
        try body(request, context, next)
    }
}

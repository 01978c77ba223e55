/// An error a handler or middleware throws to answer with a specific status.
///
/// The server turns it into an `application/problem+json` response with `status`,
/// `detail` and `headers`; any other error a handler throws becomes a `500` whose detail
/// does not reveal the error (the observer's ``HTTPServerObserver/handlerFailed(route:error:)``
/// receives it instead).
///
/// ```swift
/// guard let limit = Int(request.query["limit"] ?? "200") else {
///     throw HTTPError(.badRequest, "limit must be an integer")
/// }
/// ```
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The response status; also what to count the error by.
    public var status: HTTPStatus
    /// What was wrong and how the client can fix it.
    public var detail: String
    /// The problem type URI (`about:blank` unless the API documents its problem types).
    public var type: String
    /// Extra header fields for the response, for example `Retry-After`.
    public var headers: HTTPHeaders

    /// An error answered with `status` and `detail`.
    public init(_ status: HTTPStatus, _ detail: String, type: String = "about:blank", headers: HTTPHeaders = [:]) {
        self.status = status
        self.detail = detail
        self.type = type
        self.headers = headers
    }

    /// The problem response the server sends for this error.
    public var response: HTTPResponse {
        .problem(ProblemDetails(status: status, detail: detail, type: type), headers: headers)
    }

    public var description: String { "\(status): \(detail)" }
}

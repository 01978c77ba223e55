/// A complete HTTP response: status, header fields and whole body.
///
/// The server owns framing: it always writes `Content-Length` (omitted only where the
/// status forbids a body), `Date` (unless set here) and `Connection` (when it closes), and
/// ignores any `Content-Length`, `Transfer-Encoding` or `Connection` fields set here, except
/// that `Connection: close` makes it close after this response. Header names and values
/// must not contain CR, LF or NUL: such a response is replaced with a `500` problem,
/// because sending it would split the response. A value type; `Sendable`.
public struct HTTPResponse: Sendable {
    /// The status code and phrase.
    public var status: HTTPStatus
    /// Header fields, written in order.
    public var headers: HTTPHeaders
    /// The body. For `HEAD` requests the server sends the headers (and the `Content-Length`
    /// of this body) but not the body itself.
    public var body: [UInt8]
    /// How the server writes this response: `nil` (the default, and the only value
    /// production handlers use) writes it at once; a simulator or test supplies a
    /// ``HTTPResponseDeliveryStrategy`` to write it step by step.
    public var deliveryStrategy: (any HTTPResponseDeliveryStrategy)?

    /// A response with the given parts, written at once.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        deliveryStrategy = nil
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A response whose body is `body`, labelled with `contentType`.
    public static func bytes(_ body: [UInt8], contentType: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: body)
    }

    /// An `application/json` response whose body is already-encoded JSON.
    public static func json(encoded body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        bytes(body, contentType: "application/json", status: status)
    }

    /// An `application/problem+json` response (RFC 9457) describing `problem`, with its status.
    public static func problem(_ problem: ProblemDetails, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var fields = headers
        fields.set("Content-Type", "application/problem+json")
        return HTTPResponse(status: HTTPStatus(code: problem.status), headers: fields, body: problem.json)
    }

    /// An `application/problem+json` response with `status`, the status phrase as title and `detail`.
    public static func problem(_ status: HTTPStatus, detail: String? = nil) -> HTTPResponse {
        problem(ProblemDetails(status: status, detail: detail))
    }
}

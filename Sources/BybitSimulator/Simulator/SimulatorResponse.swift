import LookoutHTTPTypes

/// The simulator's answer: what to send, and how (``transport``).
public struct SimulatorResponse: Sendable, Hashable {
    /// One header line: the shared `HTTPHeaders.Field` (`Header("Content-Type", "text/html")`).
    public typealias Header = HTTPHeaders.Field

    /// The HTTP status code.
    public var status: Int
    /// Headers in sending order. `Content-Length` is not included: the adapter frames the body.
    public var headers: [Header]
    /// The body bytes (usually JSON).
    public var body: [UInt8]
    /// How to deliver the response.
    public var transport: TransportDirectives
    /// The faults applied to this response, in rule order (empty for a faithful answer).
    public var injectedFaults: [Fault.Kind]

    /// Creates a response.
    public init(status: Int, headers: [Header], body: [UInt8], transport: TransportDirectives = TransportDirectives(), injectedFaults: [Fault.Kind] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.transport = transport
        self.injectedFaults = injectedFaults
    }

    /// The first header called `name` (ignoring ASCII case, as `HTTPHeaders` compares), if any.
    public func header(_ name: String) -> String? {
        headers.first { HTTPHeaders.namesMatch($0.name, name) }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The standard reason phrase for ``status``, e.g. `Too Many Requests`.
    public var reasonPhrase: String { Self.reasonPhrase(for: status) }

    /// The standard reason phrase for `status` (`HTTPStatus`'s, the one the HTTP adapter puts
    /// on the status line); for a code without one, `Client Error`, `Server Error` or `Unknown`.
    public static func reasonPhrase(for status: Int) -> String {
        let standard = HTTPStatus(code: status).reasonPhrase
        if !standard.isEmpty { return standard }
        return (400..<500).contains(status) ? "Client Error" : (500..<600).contains(status) ? "Server Error" : "Unknown"
    }

    static let jsonContentType = Header("Content-Type", "application/json; charset=utf-8")
    static let textContentType = Header("Content-Type", "text/plain; charset=utf-8")
    static let htmlContentType = Header("Content-Type", "text/html")
}

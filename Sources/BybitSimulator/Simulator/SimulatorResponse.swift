/// The simulator's answer: what to send, and how (``transport``).
public struct SimulatorResponse: Sendable, Hashable {
    /// One header line.
    public struct Header: Sendable, Hashable {
        /// The header name, e.g. `Content-Type`.
        public var name: String
        /// The header value.
        public var value: String

        /// Creates a header.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

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

    /// The first header called `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The standard reason phrase for ``status``, e.g. `Too Many Requests`.
    public var reasonPhrase: String { Self.reasonPhrase(for: status) }

    /// The standard reason phrase for `status`, or `Unknown`.
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: (400..<500).contains(status) ? "Client Error" : (500..<600).contains(status) ? "Server Error" : "Unknown"
        }
    }

    static let jsonContentType = Header("Content-Type", "application/json; charset=utf-8")
    static let textContentType = Header("Content-Type", "text/plain; charset=utf-8")
    static let htmlContentType = Header("Content-Type", "text/html")
}

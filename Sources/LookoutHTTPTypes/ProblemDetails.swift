/// An RFC 9457 problem details object, the body of `application/problem+json` responses.
///
/// Every error response this library sends carries one, for example
/// `{"type":"about:blank","title":"Not Found","status":404,"detail":"no route matches GET /nope"}`.
/// Members are encoded in a fixed order (`type`, `title`, `status`, `detail`, `instance`,
/// then extension members sorted by name) so output is deterministic.
public struct ProblemDetails: Sendable, Hashable {
    /// A URI reference identifying the problem type; `about:blank` means "see the status".
    public var type: String
    /// A short summary of the problem type; for `about:blank`, the status phrase.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// An explanation specific to this occurrence, aimed at the client's developer.
    public var detail: String?
    /// A URI reference identifying this occurrence.
    public var instance: String?
    /// Extra string members (RFC 9457 §3.2). Names that clash with the standard members
    /// are not encoded.
    public var extensions: [String: String]

    /// A problem for `status`; `title` defaults to the status phrase.
    public init(
        status: HTTPStatus,
        detail: String? = nil,
        title: String? = nil,
        type: String = "about:blank",
        instance: String? = nil,
        extensions: [String: String] = [:]
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.instance = instance
        self.extensions = extensions
    }

    /// The JSON encoding, UTF-8, with members in the documented order.
    public var json: [UInt8] {
        var writer = JSONObjectWriter()
        writer.beginObject()
        writer.member("type", string: type)
        writer.member("title", string: title)
        writer.member("status", integer: status)
        if let detail { writer.member("detail", string: detail) }
        if let instance { writer.member("instance", string: instance) }
        for name in extensions.keys.sorted() where !Self.standardMembers.contains(name) {
            writer.member(name, string: extensions[name] ?? "")
        }
        writer.endObject()
        return writer.bytes
    }

    private static let standardMembers: Set<String> = ["type", "title", "status", "detail", "instance"]
}

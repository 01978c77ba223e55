/// The protocol version of a request: HTTP/1.0 or HTTP/1.1.
///
/// Other versions are answered with `505 HTTP Version Not Supported`. Responses always
/// say `HTTP/1.1`, the highest version the server speaks (RFC 9110 §6.2).
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major version digit.
    public let major: Int
    /// The minor version digit.
    public let minor: Int

    /// HTTP/1.0: connections close after each response unless the client asks for
    /// `Connection: keep-alive`.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: connections stay open unless either side says `Connection: close`.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    private init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// A Redis server address: a host name or IP literal and a TCP port.
public struct RedisEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Host name, IPv4 literal or IPv6 literal (without brackets).
    public let host: String
    /// TCP port, 1…65535.
    public let port: Int

    /// An endpoint; `port` must be 1…65535 (the URL parser checks it).
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with an IPv6 host in brackets (`[::1]:6379`).
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension CurlClient {
    /// Where a ``CurlClient`` sends requests when a proxy might be involved.
    public struct Proxy: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: Sendable, Hashable { case environment, direct, url(String) }
        fileprivate let kind: Kind

        /// libcurl's default: read the proxy from the environment. libcurl consults
        /// `http_proxy` (lower case only, so a CGI `HTTP_PROXY` header cannot inject one),
        /// `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY`, and skips hosts listed in
        /// `no_proxy`/`NO_PROXY`. With none set, connections are direct.
        public static let environment = Proxy(kind: .environment)
        /// Always connect directly, ignoring the proxy environment variables.
        public static let direct = Proxy(kind: .direct)
        /// Always use this proxy, for example `http://proxy.internal:3128` or
        /// `socks5h://127.0.0.1:1080`; `no_proxy` still applies.
        public static func url(_ url: String) -> Proxy { Proxy(kind: .url(url)) }

        /// The explicit proxy URL, `""` for direct, or `nil` to leave libcurl's environment
        /// lookup in charge.
        var curlValue: String? {
            switch kind {
            case .environment: nil
            case .direct: ""
            case .url(let url): url
            }
        }

        public var description: String {
            switch kind {
            case .environment: "environment"
            case .direct: "direct"
            case .url(let url): url
            }
        }
    }

    /// Settings for a ``CurlClient``. The defaults suit an API client: TLS verification on,
    /// gzip accepted, proxies from the environment, 10 s to connect, 30 s per transfer.
    public struct Configuration: Sendable, Hashable {
        /// Default limit for a whole transfer, queueing for a connection included.
        public var timeout: Duration = .seconds(30)
        /// Default limit for establishing a connection (TCP connect and TLS handshake).
        public var connectTimeout: Duration = .seconds(10)
        /// Most connections open to one host at a time; further transfers to that host wait
        /// in libcurl's queue (their timeout keeps running). 0 means no limit. Over HTTP/2
        /// transfers share connections, so this rarely binds there.
        public var maxConnectionsPerHost: Int = 8
        /// Size of the idle-connection cache shared by all transfers of this client.
        public var maxCachedConnections: Int = 32
        /// Largest response body accepted, after decoding; larger bodies fail with
        /// ``CurlError/Code/responseTooLarge`` instead of being truncated.
        public var maxResponseBytes: Int = 64 << 20
        /// Redirects to follow; 0 (the default) returns 3xx responses as they are.
        public var maxRedirects: Int = 0
        /// Proxy selection; see ``Proxy/environment``.
        public var proxy: Proxy = .environment
        /// A PEM file of CA certificates to trust instead of the system bundle, for private
        /// PKI. Verification of peer and host name is always on; there is no switch to
        /// disable it.
        public var caBundlePath: String? = nil
        /// The `User-Agent` header.
        public var userAgent: String = "Lookout/1 libcurl"

        /// Creates the default configuration; change fields as needed.
        public init() {}
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the client sends requests: `scheme://host[:port][/prefix]`, without a trailing
/// slash. Mainnet is the default; ``fromEnvironment()`` reads `BYBIT_BASE_URL`.
public struct BybitBaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as a string, for example `https://api.bybit.com`.
    public let rawValue: String
    /// `host[:port]`, the key the upstream limiter and IP-ban tracking use.
    public let host: String

    /// Bybit mainnet, `https://api.bybit.com`.
    public static let mainnet = BybitBaseURL(validated: "https://api.bybit.com", host: "api.bybit.com")
    /// Bybit's alternative mainnet host, `https://api.bytick.com`.
    public static let bytick = BybitBaseURL(validated: "https://api.bytick.com", host: "api.bytick.com")
    /// Bybit testnet, `https://api-testnet.bybit.com`.
    public static let testnet = BybitBaseURL(validated: "https://api-testnet.bybit.com", host: "api-testnet.bybit.com")

    /// The environment variable ``fromEnvironment()`` reads.
    public static let environmentVariable = "BYBIT_BASE_URL"

    /// Validates a custom base URL such as `http://127.0.0.1:9000` (a simulator) or
    /// `https://proxy.internal/bybit`. A trailing slash is dropped.
    /// - Throws: ``BybitError/Code/invalidConfiguration`` unless the scheme is http or
    ///   https and a host is present, with no query or fragment.
    public init(_ string: String) throws(BybitError) {
        var text = string
        // Trailing slashes of the path only: "http://" must still read as a scheme.
        while text.hasSuffix("/"), !text.hasSuffix("://") { text.removeLast() }
        func invalid(_ why: String) -> BybitError {
            BybitError(code: .invalidConfiguration, message: "base URL '\(string)' \(why); expected e.g. https://api.bybit.com or http://127.0.0.1:9000")
        }
        let schemeEnd: String.Index
        if text.hasPrefix("https://") {
            schemeEnd = text.index(text.startIndex, offsetBy: 8)
        } else if text.hasPrefix("http://") {
            schemeEnd = text.index(text.startIndex, offsetBy: 7)
        } else {
            throw invalid("must start with http:// or https://")
        }
        let rest = text[schemeEnd...]
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty else { throw invalid("has no host after the scheme") }
        guard !authority.contains("@") else { throw invalid("must not contain credentials (user@host)") }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            let port = authority[authority.index(after: colon)...]
            guard let number = Int(port), (1...65535).contains(number), port.allSatisfy(\.isASCII) else {
                throw invalid("has port '\(port)'; a port is a number from 1 to 65535")
            }
        }
        guard !text.contains("?"), !text.contains("#"), !text.contains(where: \.isWhitespace) else {
            throw invalid("must not contain a query, fragment or whitespace")
        }
        self.init(validated: text, host: String(authority))
    }

    private init(validated: String, host: String) {
        rawValue = validated
        self.host = host
    }

    /// `BYBIT_BASE_URL` if set and not empty, otherwise ``mainnet``.
    /// - Throws: ``BybitError/Code/invalidConfiguration`` if the variable is set to an
    ///   invalid URL (it is never silently ignored).
    public static func fromEnvironment() throws(BybitError) -> BybitBaseURL {
        guard let value = getenv(environmentVariable).map({ String(cString: $0) }), !value.isEmpty else { return .mainnet }
        do {
            return try BybitBaseURL(value)
        } catch {
            var error = error
            error.message = "\(environmentVariable): " + error.message
            throw error
        }
    }

    public var description: String { rawValue }
}

#if canImport(Glibc)
import Glibc
#endif

/// Checks listen addresses before the server tries them, so a typo is a usage error
/// (exit 2) rather than a failed start.
enum SocketAddressCheck {
    /// Whether `host` is `localhost` or a numeric IPv4 or IPv6 address (`inet_pton`).
    static func isNumericHost(_ host: String) -> Bool {
        if host == "localhost" { return true }
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        return inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
    }
}

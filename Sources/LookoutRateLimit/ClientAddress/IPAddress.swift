#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as an IPv4-mapped IPv6 address), parsed
/// strictly with `inet_pton`: no host names, no zone ids, nothing lenient.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address bytes; IPv4 `a.b.c.d` is `::ffff:a.b.c.d`.
    public let bytes: [UInt8]
    /// Whether it was written as (or maps) an IPv4 address.
    public var isIPv4: Bool { bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF }

    /// Parses `text`: `192.0.2.1`, `2001:db8::1`, or `[2001:db8::1]`; `nil` if invalid.
    public init?(_ text: some StringProtocol) {
        var text = String(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        if inet_pton(AF_INET, text, &ipv4) == 1 {
            let value = UInt32(bigEndian: ipv4.s_addr)
            bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF,
                     UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        } else if inet_pton(AF_INET6, text, &ipv6) == 1 {
            bytes = withUnsafeBytes(of: ipv6) { Array($0) }
        } else {
            return nil
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The address with every bit after the first `prefixLength` cleared (IPv4 prefix
    /// lengths count from the IPv4 part).
    public func masked(to prefixLength: Int) -> IPAddress {
        let bits = isIPv4 ? 96 + prefixLength : prefixLength
        var copy = bytes
        for index in 0..<16 {
            let keep = min(8, max(0, bits - index * 8))
            copy[index] &= keep == 8 ? 0xFF : UInt8(truncatingIfNeeded: 0xFF00 >> keep)
        }
        return IPAddress(bytes: copy)
    }

    /// The canonical text: dotted quad for IPv4, RFC 5952 form for IPv6.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        if isIPv4 {
            var address = in_addr(s_addr: (UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])).bigEndian)
            inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
        } else {
            var address = in6_addr()
            withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
            inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A network in CIDR notation, `10.0.0.0/8` or `2001:db8::/32`; a bare address is a /32
/// (IPv4) or /128 (IPv6) network.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The network address (host bits cleared).
    public let network: IPAddress
    /// The prefix length (0–32 for IPv4, 0–128 for IPv6).
    public let prefixLength: Int

    /// Parses `text`.
    ///
    /// - Throws: ``RateLimitConfigurationError`` naming the text when it is not an address
    ///   or the prefix length is out of range.
    public init(_ text: String) throws(RateLimitConfigurationError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else {
            throw RateLimitConfigurationError("'\(text)' is not a CIDR network such as 10.0.0.0/8 or 2001:db8::/32")
        }
        let maximum = address.isIPv4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...maximum).contains(parsed), parts[1].allSatisfy(\.isASCII) else {
                throw RateLimitConfigurationError("'\(text)': the prefix length must be a whole number from 0 to \(maximum)")
            }
            length = parsed
        }
        network = address.masked(to: length)
        prefixLength = length
    }

    /// Whether `address` is in this network (IPv4 networks hold only IPv4 addresses).
    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv4 == network.isIPv4 && address.masked(to: prefixLength) == network
    }

    /// `network/prefixLength`.
    public var description: String { "\(network)/\(prefixLength)" }
}

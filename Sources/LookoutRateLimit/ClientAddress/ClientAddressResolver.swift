import LookoutHTTP

/// Finds the client's address for per-client limits: the socket peer, unless the peer is a
/// trusted proxy, in which case the proxies' `Forwarded` (RFC 7239) or `X-Forwarded-For`
/// chain is read from the right and the first address that is not a trusted proxy wins.
///
/// Reading from the right matters: a client can put anything at the *left* of the chain,
/// but every trusted proxy appends the address it saw. A forged header from an untrusted
/// peer is ignored entirely. `Forwarded` is used when present, else `X-Forwarded-For`.
/// An entry that is not an address (`unknown`, an obfuscated identifier, garbage) ends the
/// walk: the last trusted hop is used, so garbage can never pick a fresh key.
///
/// IPv6 clients are keyed by their /64 network by default (``ipv6PrefixLength``), since
/// one subscriber usually holds a whole /64 and could otherwise rotate addresses to dodge
/// the limit. A value type; `Sendable`.
public struct ClientAddressResolver: Sendable, Hashable {
    /// The proxies whose forwarding headers are believed.
    public let trustedProxies: [CIDR]
    /// Leading bits of an IPv6 address that identify a client (default 64; 128 keys each address).
    public let ipv6PrefixLength: Int

    /// A resolver trusting `trustedProxies`.
    public init(trustedProxies: [CIDR] = [], ipv6PrefixLength: Int = 64) {
        self.trustedProxies = trustedProxies
        self.ipv6PrefixLength = min(128, max(1, ipv6PrefixLength))
    }

    /// The client key for a request from `peer` (`address:port` as the server reports it,
    /// for example `203.0.113.7:51234` or `[2001:db8::1]:51234`) carrying `headers`.
    public func resolve(peer: String, headers: HTTPHeaders) -> String {
        // The common case, checked on the bytes without allocating: an IPv4 peer in
        // canonical dotted-quad form (as the server writes it) that is not a trusted proxy.
        if let (host, address) = Self.canonicalIPv4(peer),
           trustedProxies.isEmpty || !isTrusted(IPAddress(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF,
                                                                  UInt8(address >> 24), UInt8((address >> 16) & 0xFF),
                                                                  UInt8((address >> 8) & 0xFF), UInt8(address & 0xFF)]))
        {
            return host
        }
        guard let peerAddress = Self.address(fromPeer: peer) else { return Self.host(fromPeer: peer) }
        guard isTrusted(peerAddress) else { return key(peerAddress) }
        let forwarded = headers.values(for: "Forwarded")
        let chain = forwarded.isEmpty
            ? headers.values(for: "X-Forwarded-For").flatMap { Self.split($0) }.map { Self.forwardedForNode($0) }
            : forwarded.flatMap { Self.split($0) }.map(Self.forwardedElementFor)
        var candidate = peerAddress
        for entry in chain.reversed() {
            guard let entry, let address = IPAddress(entry) else { break }
            guard isTrusted(address) else { return key(address) }
            candidate = address
        }
        return key(candidate)
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    private func key(_ address: IPAddress) -> String {
        guard !address.isIPv4, ipv6PrefixLength < 128 else { return address.description }
        return "\(address.masked(to: ipv6PrefixLength))/\(ipv6PrefixLength)"
    }

    /// The host of `a.b.c.d:port` (or a bare `a.b.c.d`) and its address as a big-endian
    /// number, when it is a canonical dotted quad (no leading zeros, each part 0–255) and
    /// the port is digits.
    static func canonicalIPv4(_ peer: String) -> (host: String, address: UInt32)? {
        // Native strings are contiguous: scan their bytes through a pointer, and make the
        // host (at most 15 bytes, a small string: no allocation) from the same bytes.
        peer.utf8.withContiguousStorageIfAvailable { canonicalIPv4(peer, bytes: $0) }
            ?? Array(peer.utf8).withUnsafeBufferPointer { canonicalIPv4(peer, bytes: $0) }
    }

    /// ``canonicalIPv4(_:)`` of `peer`, whose UTF-8 is `bytes`.
    private static func canonicalIPv4(_ peer: String, bytes: UnsafeBufferPointer<UInt8>) -> (host: String, address: UInt32)? {
        guard let (address, end) = scanIPv4(bytes) else { return nil }
        return (end == bytes.count ? peer : String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self), address)
    }

    /// The address of a canonical `a.b.c.d[:port]` in `bytes` and the length of its host
    /// part; see ``canonicalIPv4(_:)``.
    private static func scanIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> (address: UInt32, end: Int)? {
        var address: UInt32 = 0
        var part = 0, value = 0, digits = 0
        var end = bytes.count
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                if digits > 0, value == 0 { return nil }  // a leading zero
                value = value * 10 + Int(byte - 0x30)
                digits += 1
                guard digits <= 3, value <= 255 else { return nil }
            } else if byte == UInt8(ascii: "."), digits > 0, part < 3 {
                address = address << 8 | UInt32(value)
                part += 1
                value = 0
                digits = 0
            } else if byte == UInt8(ascii: ":"), digits > 0, part == 3 {
                end = index
                guard bytes[(index + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                break
            } else {
                return nil
            }
            index += 1
        }
        guard part == 3, digits > 0 else { return nil }
        return (address << 8 | UInt32(value), end)
    }

    /// `address` from `address:port` or `[v6]:port` (or a bare address).
    static func address(fromPeer peer: String) -> IPAddress? {
        IPAddress(host(fromPeer: peer))
    }

    static func host(fromPeer peer: String) -> String {
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<close])
        }
        if peer.filter({ $0 == ":" }).count == 1, let colon = peer.firstIndex(of: ":") { return String(peer[..<colon]) }
        return peer
    }

    /// Splits a header value on commas outside double quotes, trimming each part.
    static func split(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted {
                parts.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingSpaces)
        return parts
    }

    /// The `for=` node of one `Forwarded` element, or `nil` if it has none or it is malformed.
    static func forwardedElementFor(_ element: String) -> String? {
        for pair in element.split(separator: ";") {
            let pair = String(pair).trimmingSpaces
            guard let equals = pair.firstIndex(of: "="), pair[..<equals].lowercased() == "for" else { continue }
            var value = String(pair[pair.index(after: equals)...])
            let quoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
            if quoted { value = String(value.dropFirst().dropLast()) }
            return forwardedForNode(value)
        }
        return nil
    }

    /// An address from a node: `192.0.2.1`, `192.0.2.1:8080`, `[2001:db8::1]`,
    /// `[2001:db8::1]:8080`, or a bare IPv6 address (X-Forwarded-For only).
    static func forwardedForNode(_ node: String) -> String? {
        if node.hasPrefix("[") {
            guard let close = node.firstIndex(of: "]") else { return nil }
            let rest = node[node.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(node[node.index(after: node.startIndex)..<close])
        }
        let colons = node.filter { $0 == ":" }.count
        if colons == 1, let colon = node.firstIndex(of: ":") {
            guard node[node.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
            return String(node[..<colon])
        }
        return node.isEmpty ? nil : node
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

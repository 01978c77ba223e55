import LookoutHTTP
import Testing
@testable import LookoutRateLimit

@Suite("Client address: socket peer, trusted proxies, forged and garbage forwarding headers")
struct ClientAddressResolverTests {
    static let resolver = ClientAddressResolver(trustedProxies: [try! CIDR("10.0.0.0/8"), try! CIDR("2001:db8:ffff::/48")])

    @Test(arguments: [
        // (peer, headers, expected key)
        ("203.0.113.7:5000", [:], "203.0.113.7"),
        ("[2001:db8:1:2:3:4:5:6]:5000", [:], "2001:db8:1:2::/64"),
        // A forged header from an untrusted peer is ignored.
        ("203.0.113.7:5000", ["X-Forwarded-For": "1.1.1.1"], "203.0.113.7"),
        ("203.0.113.7:5000", ["Forwarded": "for=1.1.1.1"], "203.0.113.7"),
        // Through a trusted proxy: the right-most untrusted address.
        ("10.1.2.3:5000", ["X-Forwarded-For": "198.51.100.9"], "198.51.100.9"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "1.1.1.1, 198.51.100.9, 10.0.0.5"], "198.51.100.9"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "1.1.1.1", "x-forwarded-for": "198.51.100.9"], "198.51.100.9"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "198.51.100.9:4711"], "198.51.100.9"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "[2001:db8:aa:bb::1]:4711"], "2001:db8:aa:bb::/64"),
        ("[2001:db8:ffff::1]:5000", ["X-Forwarded-For": "2001:db8:aa:bb::1"], "2001:db8:aa:bb::/64"),
        // Forwarded wins over X-Forwarded-For, quoted IPv6 with port, case-insensitive names.
        ("10.1.2.3:5000", ["Forwarded": #"for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711""#,
                           "X-Forwarded-For": "1.1.1.1"], "2001:db8:cafe::/64"),
        ("10.1.2.3:5000", ["Forwarded": "for=192.0.2.60, for=10.9.9.9"], "192.0.2.60"),
        // Only trusted hops: the left-most of them.
        ("10.1.2.3:5000", ["X-Forwarded-For": "10.7.7.7, 10.8.8.8"], "10.7.7.7"),
        // Garbage ends the walk at the last trusted hop; it never becomes a key.
        ("10.1.2.3:5000", ["X-Forwarded-For": "1.1.1.1, not-an-ip, 10.8.8.8"], "10.8.8.8"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "1.1.1.1, not-an-ip"], "10.1.2.3"),
        ("10.1.2.3:5000", ["X-Forwarded-For": ""], "10.1.2.3"),
        ("10.1.2.3:5000", ["X-Forwarded-For": ",,,"], "10.1.2.3"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "999.1.1.1"], "10.1.2.3"),
        ("10.1.2.3:5000", ["X-Forwarded-For": "1.2.3.4:port"], "10.1.2.3"),
        ("10.1.2.3:5000", ["X-Forwarded-For": String(repeating: "9", count: 5000)], "10.1.2.3"),
        ("10.1.2.3:5000", ["Forwarded": "for=unknown"], "10.1.2.3"),
        ("10.1.2.3:5000", ["Forwarded": "for=_hidden, for=10.2.2.2"], "10.2.2.2"),
        ("10.1.2.3:5000", ["Forwarded": #"for="[2001:db8::1"; proto=https"#], "10.1.2.3"),
        ("10.1.2.3:5000", ["Forwarded": "proto=https"], "10.1.2.3"),
        ("10.1.2.3:5000", ["Forwarded": "for=\"198.51.100.1, for=10.0.0.1"], "10.1.2.3"),
        // A peer the server could not describe is used as it is.
        ("unknown:0", [:], "unknown"),
    ] as [(String, [String: String], String)])
    func resolves(peer: String, headers: [String: String], expected: String) {
        let fields = HTTPHeaders(headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
        #expect(Self.resolver.resolve(peer: peer, headers: fields) == expected)
    }

    @Test func ipv6PrefixLengthIsConfigurable() {
        let exact = ClientAddressResolver(ipv6PrefixLength: 128)
        #expect(exact.resolve(peer: "[2001:db8::1]:1", headers: [:]) == "2001:db8::1")
        let v4mapped = ClientAddressResolver()
        #expect(v4mapped.resolve(peer: "[::ffff:192.0.2.1]:1", headers: [:]) == "192.0.2.1")
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.0.0.0/8"), ("10.1.2.3/8", "10.0.0.0/8"), ("192.0.2.1", "192.0.2.1/32"),
        ("2001:db8::1/32", "2001:db8::/32"), ("::/0", "::/0"), ("0.0.0.0/0", "0.0.0.0/0"), ("[::1]", "::1/128"),
    ])
    func parsesNetworks(text: String, canonical: String) throws {
        #expect(try CIDR(text).description == canonical)
    }

    @Test(arguments: [
        ("10.0.0.0/33", "'10.0.0.0/33': the prefix length must be a whole number from 0 to 32"),
        ("::/129", "'::/129': the prefix length must be a whole number from 0 to 128"),
        ("10.0.0.0/-1", "'10.0.0.0/-1': the prefix length must be a whole number from 0 to 32"),
        ("10.0.0/8", "'10.0.0/8' is not a CIDR network such as 10.0.0.0/8 or 2001:db8::/32"),
        ("example.com/8", "'example.com/8' is not a CIDR network such as 10.0.0.0/8 or 2001:db8::/32"),
        ("10.0.0.0/8/8", "'10.0.0.0/8/8' is not a CIDR network such as 10.0.0.0/8 or 2001:db8::/32"),
        ("", "'' is not a CIDR network such as 10.0.0.0/8 or 2001:db8::/32"),
    ])
    func rejectsBadNetworks(text: String, message: String) {
        #expect(throws: RateLimitConfigurationError(message)) { try CIDR(text) }
    }

    @Test func ipv4NetworksHoldOnlyIPv4() throws {
        let all4 = try CIDR("0.0.0.0/0")
        #expect(all4.contains(try #require(IPAddress("8.8.8.8"))))
        #expect(!all4.contains(try #require(IPAddress("2001:db8::1"))))
    }
}

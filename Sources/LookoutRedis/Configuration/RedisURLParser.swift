/// Parses the three Redis URL forms into a ``RedisConfiguration``:
/// `redis://[[user]:password@]host[:port][/db]`,
/// `redis+sentinel://[[user]:password@]host[:port][,host[:port]…]/masterName[/db]`,
/// `redis+cluster://[[user]:password@]host[:port][,host[:port]…]`.
enum RedisURLParser {
    static func parse(_ url: String) throws(RedisConfigurationError) -> RedisConfiguration {
        guard let schemeEnd = schemeSeparator(in: url) else {
            throw RedisConfigurationError(part: "scheme", reason: "'\(redact(url))' has no scheme; expected redis://, redis+sentinel:// or redis+cluster://")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let defaultPort: Int
        switch scheme {
        case "redis", "redis+cluster": defaultPort = 6379
        case "redis+sentinel": defaultPort = 26379
        case "rediss", "rediss+sentinel", "rediss+cluster":
            throw RedisConfigurationError(part: "scheme", reason: "'\(scheme)' (TLS) is not supported by hiredis 0.14; use redis://")
        default:
            throw RedisConfigurationError(part: "scheme", reason: "'\(scheme)' is not one of redis, redis+sentinel, redis+cluster")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        if rest.contains("?") || rest.contains("#") {
            throw RedisConfigurationError(part: "query", reason: "query strings and fragments are not supported; set the RedisConfiguration properties instead")
        }
        // Authority ends at the first '/'; user info at its last '@' (a password may hold '@' only percent-encoded).
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        var username: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = try percentDecode(userInfo[..<colon], part: "user name")
                username = user.isEmpty ? nil : user
                password = try percentDecode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                // `redis://secret@host`: a lone user-info field is the password (redis-py, go-redis).
                password = try percentDecode(userInfo, part: "password")
            }
            if password?.isEmpty == true { password = nil }
        }
        let endpoints = try parseHosts(authority, defaultPort: defaultPort)
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        var configuration: RedisConfiguration
        switch scheme {
        case "redis":
            guard endpoints.count == 1 else {
                throw RedisConfigurationError(part: "host", reason: "redis:// takes one host; use redis+cluster:// or redis+sentinel:// for several")
            }
            configuration = RedisConfiguration(topology: .standalone(endpoints[0]))
            configuration.database = try database(segments, index: 0)
            if segments.count > 1 { throw RedisConfigurationError(part: "path", reason: "expected at most /db after the host") }
        case "redis+sentinel":
            guard let name = segments.first, !name.isEmpty else {
                throw RedisConfigurationError(part: "master name", reason: "redis+sentinel:// needs /masterName after the sentinel addresses")
            }
            configuration = RedisConfiguration(topology: .sentinel(sentinels: endpoints, masterName: try percentDecode(Substring(name), part: "master name")))
            configuration.database = try database(segments, index: 1)
            if segments.count > 2 { throw RedisConfigurationError(part: "path", reason: "expected /masterName[/db] after the sentinel addresses") }
        default:
            configuration = RedisConfiguration(topology: .cluster(seeds: endpoints))
            if segments.contains(where: { !$0.isEmpty }) {
                throw RedisConfigurationError(part: "database", reason: "Redis Cluster has only database 0; remove the path")
            }
        }
        configuration.username = username
        configuration.password = password
        return configuration
    }

    /// The range of the first `://` in `url`.
    private static func schemeSeparator(in url: String) -> Range<String.Index>? {
        var index = url.startIndex
        while index < url.endIndex {
            if url[index...].hasPrefix("://") { return index..<url.index(index, offsetBy: 3) }
            index = url.index(after: index)
        }
        return nil
    }

    private static func database(_ segments: [String], index: Int) throws(RedisConfigurationError) -> Int {
        guard index < segments.count, !segments[index].isEmpty else { return 0 }
        guard let number = Int(segments[index]), number >= 0, number <= 65535 else {
            throw RedisConfigurationError(part: "database", reason: "'\(segments[index])' is not a database number 0…65535")
        }
        return number
    }

    private static func parseHosts(_ authority: Substring, defaultPort: Int) throws(RedisConfigurationError) -> [RedisEndpoint] {
        guard !authority.isEmpty else { throw RedisConfigurationError(part: "host", reason: "the URL names no host") }
        var endpoints: [RedisEndpoint] = []
        for item in authority.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw RedisConfigurationError(part: "host", reason: "empty entry in the host list '\(authority)'") }
            var host: Substring
            var portText: Substring?
            if item.hasPrefix("[") {
                guard let close = item.firstIndex(of: "]") else {
                    throw RedisConfigurationError(part: "host", reason: "'\(item)' opens an IPv6 '[' without closing it")
                }
                host = item[item.index(after: item.startIndex)..<close]
                let after = item[item.index(after: close)...]
                if !after.isEmpty {
                    guard after.hasPrefix(":") else { throw RedisConfigurationError(part: "host", reason: "unexpected '\(after)' after '\(item[...close])'") }
                    portText = after.dropFirst()
                }
            } else if let colon = item.lastIndex(of: ":") {
                host = item[..<colon]
                portText = item[item.index(after: colon)...]
                if host.contains(":") {
                    throw RedisConfigurationError(part: "host", reason: "'\(item)': write IPv6 addresses in brackets, e.g. [::1]:6379")
                }
            } else {
                host = item
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
                throw RedisConfigurationError(part: "host", reason: "'\(host)' is not a host name or IP address")
            }
            var port = defaultPort
            if let portText {
                guard let number = Int(portText), (1...65535).contains(number) else {
                    throw RedisConfigurationError(part: "port", reason: "'\(portText)' is not a port 1…65535")
                }
                port = number
            }
            endpoints.append(RedisEndpoint(host: String(host), port: port))
        }
        return endpoints
    }

    private static func percentDecode(_ text: Substring, part: String) throws(RedisConfigurationError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw RedisConfigurationError(part: part, reason: "a '%' is not followed by two hexadecimal digits")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `url` with any user info replaced by `***`, for error messages.
    static func redact(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        let start = schemeSeparator(in: url)?.upperBound ?? url.startIndex
        return start < at ? url[..<start] + "***" + url[at...] : url
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

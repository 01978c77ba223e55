/// A validated request target split into path, decoded segments and decoded query.
///
/// Accepted forms (RFC 9112 §3.2): origin-form (`/path?query`), absolute-form
/// (`http://host/path?query`, whose authority is ignored in favour of `Host`), and
/// asterisk-form (`*`) for `OPTIONS` only. Every byte must be visible US-ASCII and `#` is
/// refused, since fragments are never sent.
///
/// Dot segments are rejected, not normalised: a segment that is `.` or `..` after
/// decoding (so `%2e%2e` too) makes the request `400`. Browsers remove dot segments before
/// sending, so only hand-made or hostile requests carry them, and rejecting keeps the
/// path the router matches identical to the one handlers and logs see.
struct RequestTarget: Sendable {
    /// The target exactly as received.
    let raw: String
    /// The path part, still encoded, without query (`/` for an absolute-form target without a path).
    let path: String
    /// Decoded path segments.
    let segments: [String]
    /// Decoded query items.
    let query: HTTPQuery

    init(parsing bytes: UnsafeRawBufferPointer, method: HTTPMethod) throws(HTTPParseError) {
        guard !bytes.isEmpty else { throw .malformed("request target is empty") }
        for byte in bytes {
            if byte == 0 { throw .malformed("request target contains a NUL byte") }
            if !ASCII.isTargetByte(byte) {
                throw .malformed("request target contains the byte 0x\(String(byte, radix: 16)); percent-encode it")
            }
            if byte == ASCII.hash { throw .malformed("request target must not contain a fragment ('#')") }
        }
        raw = ASCII.string(bytes)

        if bytes.count == 1 && bytes[0] == ASCII.asterisk {
            guard method == .options else { throw .malformed("the '*' request target is only valid for OPTIONS") }
            path = "*"
            segments = []
            query = HTTPQuery()
            return
        }

        let pathStart: Int
        if bytes[0] == ASCII.slash {
            pathStart = 0
        } else if let authorityEnd = Self.absoluteFormAuthorityEnd(bytes) {
            pathStart = authorityEnd
        } else {
            throw .malformed("request target must start with '/' (or be an absolute http(s) URL)")
        }

        var queryStart = bytes.count
        for index in pathStart..<bytes.count where bytes[index] == ASCII.question {
            queryStart = index
            break
        }
        let pathBytes = UnsafeRawBufferPointer(rebasing: bytes[pathStart..<queryStart])
        path = pathBytes.isEmpty ? "/" : ASCII.string(pathBytes)
        segments = try Self.decodeSegments(pathBytes)
        if queryStart < bytes.count {
            query = try Self.decodeQuery(UnsafeRawBufferPointer(rebasing: bytes[(queryStart + 1)...]))
        } else {
            query = HTTPQuery()
        }
    }

    /// For `http://authority/...` or `https://authority/...`, the index where the path
    /// (or query, or end) starts; `nil` when `bytes` is not absolute-form.
    private static func absoluteFormAuthorityEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let schemeEnd: Int
        if bytes.count > 7, ASCII.equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[0..<7]), "http://") {
            schemeEnd = 7
        } else if bytes.count > 8, ASCII.equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[0..<8]), "https://") {
            schemeEnd = 8
        } else {
            return nil
        }
        var end = schemeEnd
        while end < bytes.count, bytes[end] != ASCII.slash, bytes[end] != ASCII.question { end += 1 }
        return end > schemeEnd ? end : nil
    }

    private static func decodeSegments(_ path: UnsafeRawBufferPointer) throws(HTTPParseError) -> [String] {
        // "" and "/" have no segments; otherwise every "/" starts one (so "/a/" is ["a", ""]).
        guard path.count > 1 else { return [] }
        var segments: [String] = []
        var start = 1
        while start <= path.count {
            var end = start
            while end < path.count, path[end] != ASCII.slash { end += 1 }
            let segment = try PercentDecoding.decode(
                UnsafeRawBufferPointer(rebasing: path[start..<end]), plusAsSpace: false, context: "path segment")
            if segment == "." || segment == ".." {
                throw .malformed("path contains a '\(segment)' segment; send the normalised path instead")
            }
            segments.append(segment)
            start = end + 1
        }
        return segments
    }

    private static func decodeQuery(_ query: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPQuery {
        var items: [HTTPQuery.Item] = []
        var start = 0
        while start < query.count {
            var end = start
            var equals: Int?
            while end < query.count, query[end] != ASCII.ampersand {
                if equals == nil, query[end] == ASCII.equals { equals = end }
                end += 1
            }
            if end > start {
                let nameEnd = equals ?? end
                let name = try PercentDecoding.decode(
                    UnsafeRawBufferPointer(rebasing: query[start..<nameEnd]), plusAsSpace: true, context: "query")
                let value = equals.map { UnsafeRawBufferPointer(rebasing: query[($0 + 1)..<end]) }
                items.append(HTTPQuery.Item(
                    name: name,
                    value: try value.map { (bytes) throws(HTTPParseError) in
                        try PercentDecoding.decode(bytes, plusAsSpace: true, context: "query")
                    } ?? ""))
            }
            start = end + 1
        }
        return HTTPQuery(items)
    }
}

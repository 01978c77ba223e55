/// A ``RateLimitPolicy`` with what every request needs computed once: its limits paired
/// with their rendered `RateLimit-Policy` items, and its key prefix. A class, so reading
/// one from the limiter's list per request retains one object, not each of its strings.
/// Immutable; `Sendable`.
final class PreparedPolicy: Sendable {
    /// A limit and its `RateLimit-Policy` item (`"per-ip";q=60;w=60`).
    struct Limited: Sendable {
        let limit: RateLimit
        let field: String

        init(_ name: String, _ limit: RateLimit) {
            self.limit = limit
            field = RateLimitHeaders.policyItem(name, limit)
        }
    }

    let name: String
    let scope: RateLimitPolicy.Scope
    let isAdaptive: Bool
    private let limit: Limited?
    private let routes: [String: Limited]
    /// `name:`, the start of every key but the global one.
    private let keyPrefix: String

    init(_ policy: RateLimitPolicy) {
        name = policy.name
        scope = policy.scope
        isAdaptive = policy.isAdaptive
        limit = policy.limit.map { Limited(policy.name, $0) }
        if case .endpoint(let routes) = policy.scope {
            self.routes = routes.mapValues { Limited(policy.name, $0) }
        } else {
            routes = [:]
        }
        keyPrefix = policy.name + ":"
    }

    /// The state key and limit for `request`, or `nil` when this policy does not apply to
    /// it. The same keys as ``RateLimitPolicy/resolve(_:)``.
    func resolve(_ request: RateLimitRequest) -> (key: KeyParts, limit: Limited)? {
        switch scope {
        case .clientAddress:
            guard let limit else { return nil }
            return (KeyParts(head: keyPrefix, middle: request.clientAddress), limit)
        case .endpoint:
            guard let limit = routes[request.route] ?? limit else { return nil }
            return (KeyParts(head: keyPrefix, middle: request.route, tail: request.clientAddress), limit)
        case .clientKey:
            guard let limit, let value = request.clientKey, !value.isEmpty else { return nil }
            return (KeyParts(head: keyPrefix, middle: RateLimitPolicy.boundedKey(value)), limit)
        case .global:
            guard let limit else { return nil }
            return (KeyParts(head: name, middle: ""), limit)
        }
    }
}

/// A state key as its parts, `head + middle` or `head + middle + ":" + tail`, so the
/// in-memory backend can read it from a stack buffer instead of a new `String`.
struct KeyParts: Sendable {
    let head: String
    let middle: String
    var tail: String? = nil

    /// The key as one string (for backends that need one, such as Redis).
    var string: String {
        guard let tail else { return head + middle }
        return head + middle + ":" + tail
    }

    /// Calls `body` with the key's UTF-8 bytes in a temporary buffer.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let count = head.utf8.count + middle.utf8.count + (tail.map { 1 + $0.utf8.count } ?? 0)
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer in
            var offset = Self.copy(head, into: buffer, at: 0)
            offset = Self.copy(middle, into: buffer, at: offset)
            if let tail {
                buffer[offset] = UInt8(ascii: ":")
                offset = Self.copy(tail, into: buffer, at: offset + 1)
            }
            return body(UnsafeRawBufferPointer(buffer))
        }
    }

    private static func copy(_ text: String, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        let utf8 = text.utf8
        let copied = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + bytes.count)]).copyMemory(from: UnsafeRawBufferPointer(bytes))
            return true
        }
        if copied != true {
            for (index, byte) in utf8.enumerated() { buffer[offset + index] = byte }
        }
        return offset + utf8.count
    }
}

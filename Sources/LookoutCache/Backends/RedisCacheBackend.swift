import LookoutRedis

/// A ``CacheBackend`` in Redis (standalone, Sentinel or Cluster) through ``RedisClient``:
/// `GET`, `SET … PX`, `DEL`, and one pipeline for a batch of keys (a range's chunks share
/// a hash tag, so in a cluster they go to one node).
///
/// Every failure is a ``CacheBackendError`` within the client's command timeout; once the
/// client's circuit breaker is open, calls fail at once. `OOM` replies (Redis at
/// `maxmemory` with a `noeviction` policy) are ``CacheBackendError/Code/outOfMemory``.
/// Thread-safe, like the client.
public final class RedisCacheBackend: CacheBackend {
    /// The Redis client commands go through.
    public let client: RedisClient
    public var name: String { "redis" }

    /// A backend over `client` (which connects lazily).
    public init(client: RedisClient) {
        self.client = client
    }

    public func get(_ key: String) async throws(CacheBackendError) -> [UInt8]? {
        try Self.value(try await run { () throws(RedisError) in try await client.send(.get(key)) })
    }

    public func get(_ keys: [String]) async throws(CacheBackendError) -> [[UInt8]?] {
        guard !keys.isEmpty else { return [] }
        if keys.count == 1 { return [try await get(keys[0])] }
        let replies = try await run { () throws(RedisError) in try await client.pipeline(keys.map { RedisCommand.get($0) }) }
        var values: [[UInt8]?] = []
        values.reserveCapacity(replies.count)
        for reply in replies { values.append(try Self.value(reply)) }
        return values
    }

    public func set(_ key: String, _ value: [UInt8], ttl: Duration) async throws(CacheBackendError) {
        let milliseconds = max(1, ttl.wholeMilliseconds)
        let command = RedisCommand(arguments: [Array("SET".utf8), Array(key.utf8), value, Array("PX".utf8), Array(String(milliseconds).utf8)], keyPositions: [1])
        let reply = try await run { () throws(RedisError) in try await client.send(command) }
        if let error = reply.serverError { throw Self.map(.server(error)) }
    }

    @discardableResult
    public func delete(_ key: String) async throws(CacheBackendError) -> Bool {
        let reply = try await run { () throws(RedisError) in try await client.send(.del(key)) }
        if let error = reply.serverError { throw Self.map(.server(error)) }
        return (reply.int ?? 0) > 0
    }

    private func run<T>(_ body: () async throws(RedisError) -> T) async throws(CacheBackendError) -> T {
        do {
            return try await body()
        } catch {
            throw Self.map(error)
        }
    }

    private static func value(_ reply: RedisReply) throws(CacheBackendError) -> [UInt8]? {
        switch reply {
        case .null: return nil
        case .bulk(let bytes): return bytes
        case .error(let error): throw map(.server(error))
        default: throw CacheBackendError(code: .server, message: "GET answered \(reply) instead of a string")
        }
    }

    static func map(_ error: RedisError) -> CacheBackendError {
        switch error {
        case .timeout: return CacheBackendError(code: .timeout, message: error.description)
        case .server(let server) where server.prefix == "OOM": return CacheBackendError(code: .outOfMemory, message: error.description)
        case .server: return CacheBackendError(code: .server, message: error.description)
        case .shutDown: return CacheBackendError(code: .shutDown, message: error.description)
        default: return CacheBackendError(code: .unavailable, message: error.description)
        }
    }
}

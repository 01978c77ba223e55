/// A Lua script run with ``RedisClient/evaluate(_:keys:arguments:)``: `EVALSHA` by its SHA-1,
/// loading it with `SCRIPT LOAD` first when the server answers `NOSCRIPT` (after a restart,
/// `SCRIPT FLUSH` or a failover).
///
/// Create scripts once (a `static let`); the SHA-1 is computed locally at creation.
public struct RedisScript: Sendable, Hashable {
    /// The Lua source.
    public let source: String
    /// The lowercase hexadecimal SHA-1 of ``source``, the name Redis caches it under.
    public let sha1: String

    /// A script from its Lua source.
    public init(_ source: String) {
        self.source = source
        sha1 = SHA1.hexDigest(Array(source.utf8))
    }
}

/// A Redis URL or environment variable that cannot be used, naming the part that is wrong.
public struct RedisConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The part that is wrong: `scheme`, `host`, `port`, `database`, `master name`,
    /// `user info`, `path` or an environment variable's name.
    public let part: String
    /// What is wrong with it and what is expected (never contains a password).
    public let reason: String

    /// An error about `part`.
    public init(part: String, reason: String) {
        self.part = part
        self.reason = reason
    }

    /// `invalid Redis <part>: <reason>`.
    public var description: String { "invalid Redis \(part): \(reason)" }
}

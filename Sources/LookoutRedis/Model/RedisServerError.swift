/// An error reply from a Redis server: its prefix (the first word, such as `MOVED`, `ASK`,
/// `NOSCRIPT`, `CROSSSLOT`, `READONLY`, `LOADING`, `WRONGPASS`, `OOM` or `ERR`) and the rest
/// of the message.
///
/// A server error leaves the connection usable. ``RedisClient/send(_:)`` throws it as
/// ``RedisError/server(_:)``; pipelines and transactions return it in place as
/// ``RedisReply/error(_:)``.
public struct RedisServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The first word of the error reply, as sent (upper case by convention), e.g. `NOSCRIPT`.
    public let prefix: String
    /// The rest of the error text, after the prefix and one space.
    public let message: String

    /// Splits an error reply (without its leading `-`) at its first space.
    public init(reply: String) {
        if let space = reply.firstIndex(of: " ") {
            prefix = String(reply[..<space])
            message = String(reply[reply.index(after: space)...])
        } else {
            prefix = reply
            message = ""
        }
    }

    /// An error with the given prefix and message.
    public init(prefix: String, message: String) {
        self.prefix = prefix
        self.message = message
    }

    /// The error as the server sent it: `PREFIX message`.
    public var description: String { message.isEmpty ? prefix : "\(prefix) \(message)" }
}

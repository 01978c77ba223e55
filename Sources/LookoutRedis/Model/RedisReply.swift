/// A reply from Redis (RESP2): the value of a command, or an error inside a pipeline or
/// transaction result.
public enum RedisReply: Sendable, Hashable {
    /// A nil bulk string or nil array (`GET` of a missing key).
    case null
    /// An integer reply (`INCR`, `DEL`, `TTL`…).
    case integer(Int64)
    /// A bulk string: binary-safe bytes.
    case bulk([UInt8])
    /// A simple string (`OK`, `PONG`, `QUEUED`).
    case status(String)
    /// An array reply; elements may themselves be arrays.
    case array([RedisReply])
    /// A server error reply. Only appears inside ``RedisClient/pipeline(_:)`` and
    /// ``RedisClient/transaction(_:)`` results (and nested in arrays); ``RedisClient/send(_:)``
    /// throws it as ``RedisError/server(_:)``.
    case error(RedisServerError)

    /// The value as UTF-8 text: a bulk string (decoded, invalid bytes replaced), a status, or an
    /// integer in decimal; `nil` for other replies.
    public var string: String? {
        switch self {
        case .bulk(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .status(let text): return text
        case .integer(let value): return String(value)
        default: return nil
        }
    }

    /// The bytes of a bulk string or status; `nil` for other replies.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): return bytes
        case .status(let text): return Array(text.utf8)
        default: return nil
        }
    }

    /// An integer reply, or a bulk string holding a decimal integer; `nil` otherwise.
    public var int: Int64? {
        switch self {
        case .integer(let value): return value
        case .bulk(let bytes): return Int64(String(decoding: bytes, as: UTF8.self))
        default: return nil
        }
    }

    /// The elements of an array reply; `nil` for other replies.
    public var array: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Whether this is ``null``.
    public var isNull: Bool { self == .null }

    /// The server error, if this is an ``error(_:)`` reply.
    public var serverError: RedisServerError? {
        if case .error(let error) = self { return error }
        return nil
    }
}

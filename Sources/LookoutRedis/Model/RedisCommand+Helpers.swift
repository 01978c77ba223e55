extension RedisCommand {
    /// `GET key`.
    public static func get(_ key: String) -> RedisCommand { RedisCommand("GET", key) }

    /// `SET key value [PX milliseconds]`; a `ttl` under 1 ms is sent as 1 ms.
    public static func set(_ key: String, _ value: [UInt8], ttl: Duration? = nil) -> RedisCommand {
        var arguments: [[UInt8]] = [Array("SET".utf8), Array(key.utf8), value]
        if let ttl {
            arguments.append(Array("PX".utf8))
            arguments.append(Array(String(max(1, ttl.redisMilliseconds)).utf8))
        }
        return RedisCommand(arguments: arguments)
    }

    /// `SET key value [PX milliseconds]` with a UTF-8 value.
    public static func set(_ key: String, _ value: String, ttl: Duration? = nil) -> RedisCommand {
        set(key, Array(value.utf8), ttl: ttl)
    }

    /// `DEL key…`.
    public static func del(_ keys: String...) -> RedisCommand { RedisCommand(strings: ["DEL"] + keys) }

    /// `INCRBY key amount`.
    public static func incrBy(_ key: String, _ amount: Int64) -> RedisCommand { RedisCommand("INCRBY", key, String(amount)) }

    /// `PEXPIRE key milliseconds`.
    public static func pexpire(_ key: String, _ ttl: Duration) -> RedisCommand {
        RedisCommand("PEXPIRE", key, String(max(1, ttl.redisMilliseconds)))
    }

    /// `EXISTS key…`.
    public static func exists(_ keys: String...) -> RedisCommand { RedisCommand(strings: ["EXISTS"] + keys) }

    /// `PING`.
    public static let ping = RedisCommand("PING")
}

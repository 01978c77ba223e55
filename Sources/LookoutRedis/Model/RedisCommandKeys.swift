/// Where the keys of common Redis commands are (Redis 7 `COMMAND INFO` key specs, simplified
/// to the shapes below). Commands not listed are treated as keyless.
enum RedisCommandKeys {
    private enum Shape {
        /// One key, at argument 1.
        case first
        /// Arguments 1 and 2 (`RENAME src dst`).
        case firstTwo
        /// Every argument from 1 (`DEL k1 k2…`).
        case all
        /// Every argument from 1 but the last (`BLPOP k1 k2 timeout`).
        case allButLast
        /// Every other argument from 1 (`MSET k1 v1 k2 v2…`).
        case alternating
        /// A count at argument 2, then that many keys (`EVALSHA sha n k1…kn args…`).
        case counted
        /// One key, at argument 2 (`OBJECT ENCODING key`, `MEMORY USAGE key`).
        case second
        /// No keys.
        case none
    }

    private static let shapes: [String: Shape] = {
        var table: [String: Shape] = [:]
        let first = """
            GET SET SETEX PSETEX SETNX GETSET GETDEL GETEX APPEND STRLEN INCR INCRBY INCRBYFLOAT DECR DECRBY \
            EXPIRE PEXPIRE EXPIREAT PEXPIREAT EXPIRETIME PEXPIRETIME TTL PTTL PERSIST TYPE DUMP RESTORE \
            GETRANGE SETRANGE GETBIT SETBIT BITCOUNT BITPOS BITFIELD \
            HGET HSET HSETNX HMSET HMGET HDEL HGETALL HINCRBY HINCRBYFLOAT HEXISTS HLEN HKEYS HVALS HSCAN HSTRLEN HRANDFIELD \
            LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LREM LTRIM LINSERT LPOS \
            SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP SRANDMEMBER SSCAN \
            ZADD ZREM ZRANGE ZRANGEBYSCORE ZRANGEBYLEX ZREVRANGE ZREVRANGEBYSCORE ZREVRANGEBYLEX ZSCORE ZMSCORE ZINCRBY \
            ZCARD ZCOUNT ZLEXCOUNT ZRANK ZREVRANK ZREMRANGEBYSCORE ZREMRANGEBYRANK ZREMRANGEBYLEX ZSCAN ZPOPMIN ZPOPMAX ZRANDMEMBER \
            XADD XLEN XRANGE XREVRANGE XTRIM XDEL XACK XCLAIM XAUTOCLAIM XPENDING XSETID \
            PFADD GEOADD GEOPOS GEODIST GEOHASH GEOSEARCH SORT SORT_RO
            """
        for name in first.split(separator: " ") { table[String(name)] = .first }
        for name in ["RENAME", "RENAMENX", "SMOVE", "LMOVE", "RPOPLPUSH", "COPY", "GEOSEARCHSTORE", "ZRANGESTORE"] { table[name] = .firstTwo }
        for name in ["DEL", "UNLINK", "EXISTS", "MGET", "TOUCH", "WATCH", "PFCOUNT", "PFMERGE", "SINTER", "SUNION", "SDIFF",
                     "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"] { table[name] = .all }
        for name in ["BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX"] { table[name] = .allButLast }
        for name in ["MSET", "MSETNX"] { table[name] = .alternating }
        for name in ["EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO"] { table[name] = .counted }
        for name in ["OBJECT", "MEMORY"] { table[name] = .second }
        let keyless = """
            PING ECHO INFO AUTH SELECT HELLO QUIT MULTI EXEC DISCARD UNWATCH ASKING READONLY READWRITE \
            SCRIPT FUNCTION CLUSTER SENTINEL ROLE CLIENT CONFIG DEBUG FLUSHALL FLUSHDB DBSIZE TIME \
            KEYS SCAN RANDOMKEY COMMAND LASTSAVE SAVE BGSAVE WAIT PUBLISH SLOWLOG LATENCY
            """
        for name in keyless.split(separator: " ") { table[String(name)] = Shape.none }
        return table
    }()

    /// Whether `name` (upper case) is a command listed here.
    static func isKnown(_ name: String) -> Bool { shapes[name] != nil }

    /// The indexes of the key arguments of `arguments`, from its command name.
    static func positions(in arguments: [[UInt8]]) -> [Int] {
        guard let first = arguments.first else { return [] }
        let name = String(decoding: first, as: UTF8.self).uppercased()
        let count = arguments.count
        switch shapes[name] ?? Shape.none {
        case .none: return []
        case .first: return count > 1 ? [1] : []
        case .second: return count > 2 ? [2] : []
        case .firstTwo: return Array(1..<min(3, max(1, count)))
        case .all: return count > 1 ? Array(1..<count) : []
        case .allButLast: return count > 2 ? Array(1..<(count - 1)) : []
        case .alternating: return count > 1 ? Array(stride(from: 1, to: count, by: 2)) : []
        case .counted:
            guard count > 2, let keyCount = Int(String(decoding: arguments[2], as: UTF8.self)), keyCount > 0 else { return [] }
            return Array(3..<min(count, 3 + keyCount))
        }
    }
}

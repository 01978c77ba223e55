/// Commands written together on one connection and the replies they wait for: one
/// command, a pipeline, a `MULTI`…`EXEC` block or an `ASKING` + command pair.
struct RedisRequest: Sendable {
    /// The commands in RESP, ready to write.
    let encoded: [UInt8]
    /// How many replies complete the request (one per command).
    let replyCount: Int
    /// Called once, off any lock, with the replies in order or the failure.
    let complete: @Sendable (Result<[RedisReply], RedisError>) -> Void

    /// Encodes `commands` with hiredis.
    init(commands: [[[UInt8]]], complete: @escaping @Sendable (Result<[RedisReply], RedisError>) -> Void) throws(RedisError) {
        var encoded: [UInt8] = []
        for command in commands { try RESPEncoder.append(command, to: &encoded) }
        self.encoded = encoded
        replyCount = commands.count
        self.complete = complete
    }
}

/// A request written to a connection, collecting its replies until its deadline.
struct RedisInFlight {
    let request: RedisRequest
    let deadline: ContinuousClock.Instant
    /// The connection's own `AUTH`/`SELECT`/`ROLE` commands, checked before it turns ready.
    var isHandshake = false
    var replies: [RedisReply] = []
}

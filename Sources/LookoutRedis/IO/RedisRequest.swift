/// Why a request got no replies, and whether its bytes may have reached the server (a
/// request never written can be retried elsewhere without risk of running twice).
struct RedisFailure: Error {
    let error: RedisError
    /// `false` when the request was never written (no connection, pool wait expired, shut down).
    let sent: Bool
}

/// Commands written together on one connection and the replies they wait for: one
/// command, a pipeline, a `MULTI`…`EXEC` block or an `ASKING` + command pair.
struct RedisRequest: Sendable {
    /// The commands in RESP, ready to write.
    let encoded: [UInt8]
    /// How many replies complete the request (one per command).
    let replyCount: Int
    /// Called once, off any lock, with the replies in order or the failure.
    let complete: @Sendable (Result<[RedisReply], RedisFailure>) -> Void

    /// Encodes `commands` with hiredis.
    init(commands: [[[UInt8]]], complete: @escaping @Sendable (Result<[RedisReply], RedisFailure>) -> Void) throws(RedisError) {
        var encoded: [UInt8] = []
        for command in commands { try RESPEncoder.append(command, to: &encoded) }
        self.encoded = encoded
        replyCount = commands.count
        self.complete = complete
    }

    /// Completes the request with `error`; `sent` says whether it was written.
    func fail(_ error: RedisError, sent: Bool) { complete(.failure(RedisFailure(error: error, sent: sent))) }
}

/// A request written to a connection, collecting its replies until its deadline.
struct RedisInFlight {
    let request: RedisRequest
    let deadline: ContinuousClock.Instant
    /// The connection's own `AUTH`/`SELECT` commands, checked before it turns ready.
    var isHandshake = false
    var replies: [RedisReply] = []
}

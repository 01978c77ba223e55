/// What one client call sends, which decides how its replies are read and when it may be
/// retried.
enum RedisCallShape: Sendable {
    /// Commands whose replies come back one each (a single command or a pipeline).
    case commands
    /// The commands inside `MULTI` … `EXEC` (the request adds both).
    case transaction
    /// One `EVALSHA` of this script (loaded with `SCRIPT LOAD` on `NOSCRIPT`).
    case script(RedisScript)

    static let multi: [[UInt8]] = [Array("MULTI".utf8)]
    static let exec: [[UInt8]] = [Array("EXEC".utf8)]
    static let asking: [[UInt8]] = [Array("ASKING".utf8)]

    static func scriptLoad(_ script: RedisScript) -> [[UInt8]] {
        [Array("SCRIPT".utf8), Array("LOAD".utf8), Array(script.source.utf8)]
    }
}

extension RedisConnector {
    /// Runs a call of `shape` on one node, without cluster redirects. Transactions return
    /// every reply (`MULTI`'s, each `QUEUED`, `EXEC`'s); scripts return the one `EVALSHA` reply,
    /// after loading the script when the node answered `NOSCRIPT`. `asking` prefixes the
    /// call with `ASKING` (its reply is dropped).
    func run(_ commands: [RedisCommand], shape: RedisCallShape, on endpoint: RedisEndpoint,
             asking: Bool = false) async -> Result<[RedisReply], RedisFailure> {
        let prefix = asking ? [RedisCallShape.asking] : []
        let dropped = prefix.count
        switch shape {
        case .commands where !asking && commands.count == 1:
            // The common case, without copies.
            return await submit([commands[0].arguments], to: endpoint)
        case .commands:
            return await submit(prefix + commands.map(\.arguments), to: endpoint).map { Array($0.dropFirst(dropped)) }
        case .transaction:
            return await submit(prefix + [RedisCallShape.multi] + commands.map(\.arguments) + [RedisCallShape.exec], to: endpoint)
                .map { Array($0.dropFirst(dropped)) }
        case .script(let script):
            let first = await submit(prefix + [commands[0].arguments], to: endpoint).map { Array($0.dropFirst(dropped)) }
            guard case .success(let replies) = first, replies.first?.serverError?.prefix == "NOSCRIPT" else { return first }
            return await submit([RedisCallShape.scriptLoad(script)] + prefix + [commands[0].arguments], to: endpoint).map { replies in
                if case .error = replies[0] { return [replies[0]] }
                return [replies[replies.count - 1]]
            }
        }
    }
}

/// A cluster redirection or transient cluster error read from an error reply.
enum RedisRedirect: Equatable {
    /// `MOVED slot host:port`: the slot lives on that node now; update the map.
    case moved(slot: Int, to: RedisEndpoint)
    /// `ASK slot host:port`: this key is being migrated; ask that node once, after `ASKING`.
    case ask(slot: Int, to: RedisEndpoint)
    /// `TRYAGAIN`: a multi-key command during a slot migration; retry after a short pause.
    case tryAgain
    /// `CLUSTERDOWN`: failover in progress or slot not served; refresh, pause, retry.
    case clusterDown

    /// The redirect in `error`, if it is one. `askedHost` fills an empty host
    /// (`MOVED 3999 :6380`). The port is after the last `:`, so IPv6 hosts work.
    init?(_ error: RedisServerError, askedHost: String) {
        switch error.prefix {
        case "TRYAGAIN": self = .tryAgain
        case "CLUSTERDOWN": self = .clusterDown
        case "MOVED", "ASK":
            let parts = error.message.split(separator: " ")
            guard parts.count == 2, let slot = Int(parts[0]), (0..<RedisHashSlot.count).contains(slot),
                  let colon = parts[1].lastIndex(of: ":"), let port = Int(parts[1][parts[1].index(after: colon)...]),
                  (1...65535).contains(port) else { return nil }
            var host = String(parts[1][..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let endpoint = RedisEndpoint(host: host.isEmpty ? askedHost : host, port: port)
            self = error.prefix == "MOVED" ? .moved(slot: slot, to: endpoint) : .ask(slot: slot, to: endpoint)
        default: return nil
        }
    }

    /// The `kind` label of the redirects metric.
    var kind: String {
        switch self {
        case .moved: return "moved"
        case .ask: return "ask"
        case .tryAgain: return "tryagain"
        case .clusterDown: return "clusterdown"
        }
    }
}

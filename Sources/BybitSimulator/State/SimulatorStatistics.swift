/// What the simulator has seen since it started (or since ``BybitSimulator/resetStatistics()``).
///
/// Tests assert on these to prove client behaviour, e.g. that a client never exceeded the
/// per-IP budget: `maxRequestsInWindow <= 600` and `bansIssued == 0`.
public struct SimulatorStatistics: Sendable, Hashable {
    /// Every request received, banned ones included.
    public internal(set) var totalRequests = 0
    /// Requests per client IP.
    public internal(set) var requestsByClientIP: [String: Int] = [:]
    /// Requests per route path (e.g. `/v5/market/kline`); paths with no route are counted
    /// under `(unknown)`, which keeps the map bounded.
    public internal(set) var requestsByPath: [String: Int] = [:]
    /// Responses per HTTP status (connection resets count under the status they replaced).
    public internal(set) var responsesByStatus: [Int: Int] = [:]
    /// The most requests any IP had in one sliding window, counting the request being
    /// judged. A value above ``IPRateLimit/limit`` means someone exceeded the budget.
    public internal(set) var maxRequestsInWindow = 0
    /// ``maxRequestsInWindow`` per client IP.
    public internal(set) var maxRequestsInWindowByClientIP: [String: Int] = [:]
    /// Bans started (each answered with 403).
    public internal(set) var bansIssued = 0
    /// Requests answered 403 because their IP was already banned.
    public internal(set) var rejectedWhileBanned = 0
    /// Faults applied, per kind.
    public internal(set) var faultsInjected: [Fault.Kind: Int] = [:]

    /// An empty record.
    public init() {}

    /// All faults applied, of every kind.
    public var totalFaultsInjected: Int { faultsInjected.values.reduce(0, +) }

    mutating func recordWindow(_ count: Int, clientIP: String) {
        maxRequestsInWindow = max(maxRequestsInWindow, count)
        if maxRequestsInWindowByClientIP[clientIP, default: 0] < count {
            maxRequestsInWindowByClientIP[clientIP] = count
        }
    }
}

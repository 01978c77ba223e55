import BybitSimulator

/// The JSON of `GET /sim/stats`: every ``SimulatorStatistics`` counter, maps keyed by
/// strings (statuses and fault kinds as text) so the keys sort.
struct StatisticsDocument: Encodable {
    let totalRequests: Int
    let requestsByClientIP: [String: Int]
    let requestsByPath: [String: Int]
    let responsesByStatus: [String: Int]
    let maxRequestsInWindow: Int
    let maxRequestsInWindowByClientIP: [String: Int]
    let bansIssued: Int
    let rejectedWhileBanned: Int
    let faultsInjected: [String: Int]

    init(_ statistics: SimulatorStatistics) {
        totalRequests = statistics.totalRequests
        requestsByClientIP = statistics.requestsByClientIP
        requestsByPath = statistics.requestsByPath
        responsesByStatus = Dictionary(uniqueKeysWithValues: statistics.responsesByStatus.map { (String($0.key), $0.value) })
        maxRequestsInWindow = statistics.maxRequestsInWindow
        maxRequestsInWindowByClientIP = statistics.maxRequestsInWindowByClientIP
        bansIssued = statistics.bansIssued
        rejectedWhileBanned = statistics.rejectedWhileBanned
        faultsInjected = Dictionary(uniqueKeysWithValues: statistics.faultsInjected.map { ($0.key.rawValue, $0.value) })
    }
}

/// The JSON of `GET /sim/behavior` (and of every successful `PUT`): the behaviour in the
/// same spec strings the flags take.
struct BehaviorDocument: Encodable {
    let faults: [String]
    let latency: String
    let ipLimit: String

    init(_ behavior: SimulatorBehavior) {
        faults = behavior.faults.map(\.spec)
        latency = behavior.latency.spec
        ipLimit = behavior.ipRateLimit.spec
    }
}

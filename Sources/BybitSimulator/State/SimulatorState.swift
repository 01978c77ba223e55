/// The simulator's mutable state, always accessed under its `Mutex`.
///
/// Holds the current behaviour, the trigger counters of its rules, every IP's window and
/// the statistics. ``admit(clientIP:path:routed:now:)`` is the only per-request entry
/// point; it does constant work per rule plus amortised constant work per window.
struct SimulatorState: Sendable {
    private(set) var behavior: SimulatorBehavior
    private var sequence: Int64 = 0
    /// Matching requests seen by each fault rule.
    private var ruleMatches: [Int64] = []
    /// Remaining firings of `.nextRequests` rules.
    private var ruleRemaining: [Int] = []
    /// Responses considered by the `X-Bapi-*` presence trigger.
    private var bapiMatches: Int64 = 0
    private var bapiRemaining = 0
    private var windows: [String: IPWindow] = [:]
    /// Each API key's (or, without ``BapiHeaders/requireAPIKey``, each IP's) requests of
    /// the last second, for `X-Bapi-Limit-Status`.
    private var keyWindows: [String: IPWindow] = [:]
    /// Requests answered normally under ``SimulatorBehavior/apiRateLimit``.
    private var apiWindow = IPWindow()
    var statistics = SimulatorStatistics()

    init(behavior: SimulatorBehavior) {
        self.behavior = behavior
        resetTriggers()
    }

    /// Installs a new (validated) behaviour and restarts trigger counting. Windows and bans
    /// survive unless the IP limit changed.
    mutating func replaceBehavior(_ newBehavior: SimulatorBehavior) {
        if newBehavior.ipRateLimit != behavior.ipRateLimit { windows.removeAll() }
        if newBehavior.apiRateLimit != behavior.apiRateLimit { apiWindow.clear() }
        behavior = newBehavior
        resetTriggers()
    }

    /// Ends every ban and empties every window.
    mutating func liftBans() {
        windows.removeAll()
    }

    private mutating func resetTriggers() {
        ruleMatches = Array(repeating: 0, count: behavior.faults.count)
        ruleRemaining = behavior.faults.map { if case .nextRequests(let n) = $0.trigger { n } else { 0 } }
        bapiMatches = 0
        if case .nextRequests(let n) = behavior.bapiHeaders.presence { bapiRemaining = n } else { bapiRemaining = 0 }
    }

    /// Counts the request, applies the IP limit and decides its faults.
    mutating func admit(clientIP: String, path: String, routed: Bool, now: SimulatorTime, apiKey: String? = nil) -> Admission {
        sequence += 1
        var admission = Admission(sequence: sequence)
        statistics.totalRequests += 1
        statistics.requestsByClientIP[clientIP, default: 0] += 1
        statistics.requestsByPath[routed ? path : Route.unknownPathKey, default: 0] += 1
        admission.latency = behavior.latency.delay(sequence: sequence)

        guard admitThroughIPLimit(clientIP: clientIP, now: now.nanosecondsSinceEpoch) else {
            admission.banned = true
            statistics.responsesByStatus[403, default: 0] += 1
            return admission
        }

        if routed, let api = behavior.apiRateLimit {
            let nanoseconds = now.nanosecondsSinceEpoch
            if apiWindow.evict(through: nanoseconds - api.window.nanoseconds) >= api.limit {
                admission.replacement = .rateLimited
                statistics.faultsInjected[Fault.rateLimited.kind, default: 0] += 1
            } else {
                apiWindow.record(at: nanoseconds)
            }
        }

        for (index, rule) in behavior.faults.enumerated() where rule.matches(path: path) {
            ruleMatches[index] += 1
            if rule.fault.isReplacing, admission.replacement != nil { continue }
            guard fires(rule.trigger, count: ruleMatches[index], salt: UInt64(index), remaining: &ruleRemaining[index]) else { continue }
            if rule.fault.isReplacing { admission.replacement = rule.fault } else { admission.modifiers.append(rule.fault) }
            statistics.faultsInjected[rule.fault.kind, default: 0] += 1
        }

        let status: Int
        switch admission.replacement {
        case .httpStatus(let code)?, .htmlPage(let code)?: status = code
        case .some: status = 200
        case nil: status = routed ? 200 : 404
        }
        statistics.responsesByStatus[status, default: 0] += 1

        let headers = behavior.bapiHeaders
        if let presence = headers.presence, let key = apiKey.map({ "key:" + $0 }) ?? (headers.requireAPIKey ? nil : "ip:" + clientIP) {
            let nanoseconds = now.nanosecondsSinceEpoch
            if keyWindows[key] == nil, keyWindows.count >= 10_000 { keyWindows.removeAll() }
            keyWindows[key, default: IPWindow()].evict(through: nanoseconds - 1_000_000_000)
            keyWindows[key]!.record(at: nanoseconds)
            bapiMatches += 1
            if fires(presence, count: bapiMatches, salt: 0xBA91, remaining: &bapiRemaining) {
                let used = keyWindows[key]!.count
                let limit = headers.limit
                admission.bapi = (limit, max(0, limit - used), behavior.bapiHeaders.includeOnRateLimited)
            }
        }
        return admission
    }

    /// Records the request in its IP's window; `false` means answer 403 (banned before, or
    /// banned now for exceeding the limit).
    private mutating func admitThroughIPLimit(clientIP: String, now: Int64) -> Bool {
        let settings = behavior.ipRateLimit
        if let until = windows[clientIP]?.bannedUntil {
            if now < until {
                statistics.rejectedWhileBanned += 1
                return false
            }
            windows[clientIP]!.bannedUntil = nil
            windows[clientIP]!.clear()
        }
        if windows.count >= 4096, windows[clientIP] == nil { pruneIdleWindows(now: now) }
        let windowLength = settings.window.nanoseconds
        let count = windows[clientIP, default: IPWindow()].evict(through: now - windowLength)
        if settings.isEnabled, count >= settings.limit {
            statistics.recordWindow(count + 1, clientIP: clientIP)
            windows[clientIP]!.bannedUntil = now &+ settings.banDuration.nanoseconds
            statistics.bansIssued += 1
            return false
        }
        windows[clientIP]!.record(at: now)
        statistics.recordWindow(count + 1, clientIP: clientIP)
        return true
    }

    /// Drops windows with nothing in them and no ban, so thousands of one-off client
    /// addresses cannot grow the map without bound.
    private mutating func pruneIdleWindows(now: Int64) {
        let cutoff = now - behavior.ipRateLimit.window.nanoseconds
        windows = windows.filter { _, window in
            if let until = window.bannedUntil, until > now { return true }
            return window.lastRequest > cutoff
        }
    }

    private func fires(_ trigger: RequestTrigger, count: Int64, salt: UInt64, remaining: inout Int) -> Bool {
        switch trigger {
        case .always:
            return true
        case .everyNth(let n):
            return count % Int64(n) == 0
        case .probability(let p, let seed):
            return StableHash.unit(StableHash.mix(seed ^ salt, 0x9B0B, count)) < p
        case .nextRequests:
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
    }
}

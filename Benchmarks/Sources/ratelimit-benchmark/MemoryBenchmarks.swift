import Lookout
import LookoutHTTP
import LookoutRateLimit
import Synchronization

/// In-memory decision cost, beside an exact sliding log (timestamps per key behind one
/// mutex): the straightforward limiter the sliding-window counter replaces.
enum MemoryBenchmarks {
    static func run(quick: Bool) {
        let iterations = quick ? 100_000 : 2_000_000
        let limit = try! RateLimit(limit: 1_000_000_000, window: .seconds(1))
        let keys = (0..<1024).map { "per-ip:10.0.\($0 / 256).\($0 % 256)" }
        print("In-memory decisions (ratio = exact log / lookout; > 1 means the counter is cheaper; target ≤ 100 ns single-threaded)")
        print("  (wall-clock medians; CPU time per decision, which leaves out time other processes held the CPU, in the cpu column)")
        for threads in [1, 2] {
            let backend = MemoryRateLimitBackend()
            let exact = ExactLogLimiter(window: 1_000_000, limit: 1_000_000_000)
            let (hot, hotCPU) = Timing.measure(threads: threads, iterations) { _, count in
                for _ in 0..<count { _ = backend.decideNow(key: keys[0], limit: limit, cost: 1) }
            }
            let hotPeer = Timing.nanoseconds(threads: threads, iterations / 10) { _, count in
                for _ in 0..<count { _ = exact.decide(key: keys[0]) }
            }
            Timing.row("one key, \(threads) thread\(threads == 1 ? "" : "s")", hot, unit: "ns", peer: hotPeer, peerName: "exact log", cpu: hotCPU)
            let (spread, spreadCPU) = Timing.measure(threads: threads, iterations) { thread, count in
                var index = thread * 512
                for _ in 0..<count {
                    _ = backend.decideNow(key: keys[index & 1023], limit: limit, cost: 1)
                    index &+= 1
                }
            }
            let spreadPeer = Timing.nanoseconds(threads: threads, iterations / 10) { thread, count in
                var index = thread * 512
                for _ in 0..<count {
                    _ = exact.decide(key: keys[index & 1023])
                    index &+= 1
                }
            }
            Timing.row("1024 keys, \(threads) thread\(threads == 1 ? "" : "s")", spread, unit: "ns", peer: spreadPeer, peerName: "exact log", cpu: spreadCPU)
        }
        // The whole per-request path of the middleware's limiter: key built from the
        // request, clock read once, decision, outcome (no metrics observer).
        let limiter = try! RateLimiter(policies: [.perClientAddress(limit)], backend: MemoryRateLimitBackend())
        let requests = (0..<1024).map { RateLimitRequest(clientAddress: "10.0.\($0 / 256).\($0 % 256)", route: "/api/v1/klines") }
        let (checks, checksCPU) = Timing.measure(iterations) { _, count in
            for index in 0..<count { _ = limiter.checkNow(requests[index & 1023]) }
        }
        Timing.row("RateLimiter.checkNow, per-ip, 1024 clients, 1 thread", checks, unit: "ns", cpu: checksCPU)
        // What the middleware adds to an admitted request besides the server's own work:
        // the client address resolved, the decision counted and timed in the metrics, and the
        // RateLimit-Policy and RateLimit headers added to a response's three fields.
        let observed = try! RateLimiter(policies: [.perClientAddress(try! .perMinute(100_000_000))], backend: MemoryRateLimitBackend(),
                                        observer: try! RateLimitMetricsObserver(registry: Registry(), policies: ["per-ip"]))
        let resolver = ClientAddressResolver()
        let peers = (0..<1024).map { "10.0.\($0 / 256).\($0 % 256):\(40_000 + $0)" }
        let responseHeaders: HTTPHeaders = ["Content-Type": "text/plain; charset=utf-8", "Content-Length": "5", "Date": "Sat, 05 Dec 2026 00:00:00 GMT"]
        let requestHeaders: HTTPHeaders = ["Host": "127.0.0.1", "User-Agent": "wrk"]
        let (allowPath, allowPathCPU) = Timing.measure(iterations) { _, count in
            for index in 0..<count {
                let request = RateLimitRequest(clientAddress: resolver.resolve(peer: peers[index & 1023], headers: requestHeaders), route: "/")
                guard let outcome = observed.checkNow(request) else { continue }
                var headers = responseHeaders
                RateLimitHeaders.apply(outcome, to: &headers)
                precondition(headers.count == 5)
            }
        }
        Timing.row("middleware allow path: address, decision, metrics, headers", allowPath, unit: "ns", cpu: allowPathCPU)
        let gcra = try! RateLimit(limit: 1_000_000, window: .seconds(1), algorithm: .gcra)
        let backend = MemoryRateLimitBackend()
        let gcraCost = Timing.nanoseconds(iterations) { _, count in
            for _ in 0..<count { _ = backend.decideNow(key: keys[0], limit: gcra, cost: 1) }
        }
        Timing.row("GCRA, one key, 1 thread", gcraCost, unit: "ns")
        let sink = Atomic<Int>(0)
        let pure = Timing.nanoseconds(iterations) { _, count in
            var state = LimiterState.empty
            var admitted = 0
            for index in 0..<count where limit.decide(&state, now: 1_700_000_000_000_000 + Int64(index)).isAllowed { admitted += 1 }
            sink.add(admitted, ordering: .relaxed)
        }
        Timing.row("sliding-window arithmetic alone (no lock, no lookup)", pure, unit: "ns")
        // Where a decision's time goes: its parts measured alone in the same run.
        let clockCost = Timing.nanoseconds(iterations) { _, count in
            var total: Int64 = 0
            for _ in 0..<count { total &+= RateLimitClock.system.now() }
            sink.wrappingAdd(Int(truncatingIfNeeded: total), ordering: .relaxed)
        }
        Timing.row("  part: reading the clock (CLOCK_REALTIME)", clockCost, unit: "ns")
        let coarseCost = Timing.nanoseconds(iterations) { _, count in
            var total: Int64 = 0
            for _ in 0..<count { total &+= RateLimitClock.coarse.now() }
            sink.wrappingAdd(Int(truncatingIfNeeded: total), ordering: .relaxed)
        }
        Timing.row("  part: reading the coarse clock (the backend's default)", coarseCost, unit: "ns")
        let hashCost = Timing.nanoseconds(iterations) { _, count in
            var total = 0
            for index in 0..<count { total &+= keys[index & 1023].hashValue }
            sink.wrappingAdd(total, ordering: .relaxed)
        }
        Timing.row("  part: hashing a key", hashCost, unit: "ns")
        let mutex = Mutex<Int>(0)
        let lockCost = Timing.nanoseconds(iterations) { _, count in
            for _ in 0..<count { mutex.withLock { $0 &+= 1 } }
        }
        Timing.row("  part: an uncontended mutex", lockCost, unit: "ns")
    }
}

/// An exact sliding log: every admitted timestamp kept per key. O(limit) memory per key.
final class ExactLogLimiter: Sendable {
    private let logs = Mutex<[String: [Int64]]>([:])
    private let window: Int64
    private let limit: Int

    init(window: Int64, limit: Int) {
        self.window = window
        self.limit = limit
    }

    func decide(key: String) -> Bool {
        let now = RateLimitClock.system.now()
        return logs.withLock { logs in
            var log = logs.removeValue(forKey: key) ?? []
            if let first = log.firstIndex(where: { $0 > now - window }), first > 0 { log.removeFirst(first) }
            else if let last = log.last, last <= now - window { log.removeAll(keepingCapacity: true) }
            let allowed = log.count < limit
            if allowed { log.append(now) }
            logs[key] = log
            return allowed
        }
    }
}

import Foundation
import Testing
@testable import LookoutRateLimit

/// The behaviour every ``RateLimitBackend`` must show, whatever its clock: each backend's
/// test suite runs all of these. Windows are one day long, so no case depends on when it
/// runs (beyond the day boundary).
enum BackendConformance {
    /// Every check, in order, each with its own keys under `prefix`.
    static func run(_ backend: any RateLimitBackend, prefix: String = UUID().uuidString) async throws {
        try await admitsExactlyTheLimitThenDenies(backend, prefix: prefix)
        try await keysAreIndependent(backend, prefix: prefix)
        try await gcraAdmitsTheBurstThenDenies(backend, prefix: prefix)
        try await costsCountThatMany(backend, prefix: prefix)
        try await concurrentCallersGetExactlyTheLimit(backend, prefix: prefix)
    }

    static let day = Duration.seconds(86_400)

    static func admitsExactlyTheLimitThenDenies(_ backend: any RateLimitBackend, prefix: String) async throws {
        let limit = try RateLimit(limit: 5, window: day)
        var remaining: [Int] = []
        for _ in 0..<5 {
            let decision = try await backend.decide(key: "\(prefix):a", limit: limit, cost: 1)
            #expect(decision.isAllowed, "\(backend.name): within the limit")
            remaining.append(decision.remaining)
        }
        #expect(remaining == [4, 3, 2, 1, 0], "\(backend.name): remaining counts down")
        let denied = try await backend.decide(key: "\(prefix):a", limit: limit, cost: 1)
        #expect(!denied.isAllowed, "\(backend.name): over the limit")
        #expect(denied.remaining == 0)
        #expect(denied.retryAfterMicroseconds > 0 && denied.retryAfterMicroseconds <= 2 * 86_400_000_000)
        #expect(denied.resetAfterMicroseconds >= denied.retryAfterMicroseconds)
        #expect(denied.limit == 5)
    }

    static func keysAreIndependent(_ backend: any RateLimitBackend, prefix: String) async throws {
        let limit = try RateLimit(limit: 1, window: day)
        #expect(try await backend.decide(key: "\(prefix):b1", limit: limit, cost: 1).isAllowed)
        #expect(try await backend.decide(key: "\(prefix):b2", limit: limit, cost: 1).isAllowed)
        #expect(try await !backend.decide(key: "\(prefix):b1", limit: limit, cost: 1).isAllowed)
        #expect(try await backend.decide(key: "\(prefix):b3 with spaces/{braces}", limit: limit, cost: 1).isAllowed)
    }

    static func gcraAdmitsTheBurstThenDenies(_ backend: any RateLimitBackend, prefix: String) async throws {
        let limit = try RateLimit(limit: 24, window: day, algorithm: .gcra, burst: 3)
        var allowed: [Bool] = []
        for _ in 0..<4 { allowed.append(try await backend.decide(key: "\(prefix):g", limit: limit, cost: 1).isAllowed) }
        #expect(allowed == [true, true, true, false], "\(backend.name): burst of 3")
        let denied = try await backend.decide(key: "\(prefix):g", limit: limit, cost: 1)
        // One request per hour: the next one is due in a bit under an hour.
        #expect(denied.retryAfterMicroseconds > 3_500_000_000 && denied.retryAfterMicroseconds <= 3_600_000_000)
    }

    static func costsCountThatMany(_ backend: any RateLimitBackend, prefix: String) async throws {
        let limit = try RateLimit(limit: 10, window: day)
        let first = try await backend.decide(key: "\(prefix):c", limit: limit, cost: 7)
        #expect(first.isAllowed && first.remaining == 3)
        #expect(try await !backend.decide(key: "\(prefix):c", limit: limit, cost: 4).isAllowed)
        let last = try await backend.decide(key: "\(prefix):c", limit: limit, cost: 3)
        #expect(last.isAllowed && last.remaining == 0)
    }

    /// N tasks hammer one key: exactly `limit` are admitted, never one more.
    static func concurrentCallersGetExactlyTheLimit(_ backend: any RateLimitBackend, prefix: String,
                                                     tasks: Int = 16, callsPerTask: Int = 25) async throws {
        for algorithm in RateLimitAlgorithm.allCases {
            let limit = try RateLimit(limit: 100, window: day, algorithm: algorithm)
            let key = "\(prefix):hot:\(algorithm.rawValue)"
            let admitted = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        var count = 0
                        for _ in 0..<callsPerTask where try await backend.decide(key: key, limit: limit, cost: 1).isAllowed { count += 1 }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(admitted == 100, "\(backend.name) \(algorithm): \(tasks) × \(callsPerTask) calls, limit 100")
        }
    }
}

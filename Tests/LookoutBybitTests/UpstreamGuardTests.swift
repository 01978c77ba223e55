@testable import LookoutBybit
import LookoutRateLimit
import LookoutTesting
import Testing

@Suite struct UpstreamGuardTests {
    /// Waits (in real time, bounded) until `condition` holds.
    func eventually(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { Issue.record("timed out waiting for \(what)"); return }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func concurrentBurstOf2000NeverExceedsTheBudget() async throws {
        let clock = ManualClock()
        let upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 500, window: .seconds(5), safetyMargin: .milliseconds(100)), clock: clock)
        let grants = Recorder<Duration>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2000 {
                group.addTask {
                    // The instant the guard granted, not a later reading of the clock: the
                    // loop below may advance it before this task runs again.
                    grants.append(try await upstream.grant(host: "api.bybit.com").offset)
                }
            }
            // Only one waiter at a time sleeps on the budget; move time to its deadline.
            while grants.count < 2000 {
                try await eventually("a sleeper or completion") { clock.sleeperCount > 0 || grants.count == 2000 }
                #expect(clock.sleeperCount <= 1)
                if let deadline = clock.earliestDeadline { clock.advance(to: deadline) }
            }
            try await group.waitForAll()
        }
        let sorted = grants.values.sorted()
        #expect(sorted.count == 2000)
        // Grants are spaced by the window plus the safety margin.
        #expect(maxInAnyWindow(sorted, window: .milliseconds(5100)) == 500)
        #expect(sorted.last == .milliseconds(15_300))
    }

    @Test func bansFailFastPerHostAndLiftAfterTheCooldown() async throws {
        let clock = ManualClock()
        let upstream = UpstreamGuard(configuration: .init(banCooldown: .seconds(600)), clock: clock)
        #expect(upstream.recordForbidden(host: "a") == true)
        #expect(upstream.recordForbidden(host: "a") == false)
        await #expect(throws: UpstreamGuard<ManualClock>.Refusal.banned(remaining: .seconds(600))) {
            try await upstream.admit(host: "a")
        }
        #expect(try await upstream.admit(host: "b") == .zero)
        #expect(upstream.banRemaining(host: "a") == .seconds(600))
        clock.advance(by: .seconds(599))
        #expect(upstream.banRemaining(host: "a") == .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(upstream.banRemaining(host: "a") == nil)
        #expect(try await upstream.admit(host: "a") == .zero)
    }

    @Test func rateLimitPauseDelaysRequestsToThatHost() async throws {
        let clock = ManualClock()
        let upstream = UpstreamGuard(clock: clock)
        upstream.recordRateLimited(host: "a", pause: .seconds(2))
        let waited = Task { try await upstream.admit(host: "a") }
        try await eventually("the paused request to sleep") { clock.sleeperCount == 1 }
        #expect(try await upstream.admit(host: "b") == .zero)
        clock.advance(by: .seconds(2))
        #expect(try await waited.value == .seconds(2))
    }

    @Test func cancellingAQueuedWaiterFreesItsPlace() async throws {
        let clock = ManualClock()
        let upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 1, window: .seconds(5), safetyMargin: .zero), clock: clock)
        _ = try await upstream.admit(host: "a")
        let sleeping = Task { try await upstream.admit(host: "a") }
        try await eventually("the first waiter to sleep") { clock.sleeperCount == 1 }
        let queued = Task { try await upstream.admit(host: "a") }
        try await Task.sleep(for: .milliseconds(20))
        queued.cancel()
        await #expect(throws: UpstreamGuard<ManualClock>.Refusal.cancelled) { try await queued.value }
        sleeping.cancel()
        await #expect(throws: UpstreamGuard<ManualClock>.Refusal.cancelled) { try await sleeping.value }
        // The gate was released: a new caller proceeds once the window has passed.
        clock.advance(by: .seconds(5))
        #expect(try await upstream.admit(host: "a") == .zero)
    }
}

@Suite struct AsyncSemaphoreTests {
    @Test func waitersAreServedInOrderAndCancellationLeavesTheLine() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        let order = Recorder<Int>()
        var tasks: [Task<Void, any Error>] = []
        for index in 0..<5 {
            tasks.append(Task {
                try await semaphore.acquire()
                order.append(index)
                semaphore.release()
            })
            try await Task.sleep(for: .milliseconds(10)) // enqueue in index order
        }
        tasks[2].cancel()
        await #expect(throws: CancellationError.self) { try await tasks[2].value }
        semaphore.release()
        for (index, task) in tasks.enumerated() where index != 2 { try await task.value }
        #expect(order.values == [0, 1, 3, 4])
    }
}

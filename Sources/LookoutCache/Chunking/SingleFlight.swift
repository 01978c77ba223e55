import Synchronization

/// Runs one piece of work per key at a time: callers asking for a key whose work is in
/// flight wait for that work's result instead of starting their own. Purely in-process, so
/// it works whether or not the cache backend does.
///
/// The work runs in its own task: a caller that is cancelled stops waiting, but the others
/// still get the result. Thread-safe.
final class SingleFlight<Key: Hashable & Sendable, Value: Sendable, Failure: Error>: Sendable {
    private let flights = Mutex<[Key: Task<Result<Value, Failure>, Never>]>([:])
    private let waiting = Atomic<Int>(0)

    /// Callers currently waiting on another caller's work.
    var waiters: Int { waiting.load(ordering: .relaxed) }

    /// The result of `work` for `key`, shared with concurrent callers of the same key.
    /// - Returns: the result and whether this caller joined someone else's flight.
    func run(_ key: Key, _ work: @escaping @Sendable () async -> Result<Value, Failure>) async -> (Result<Value, Failure>, joined: Bool) {
        let (task, joined) = flights.withLock { flights in
            if let running = flights[key] { return (running, true) }
            let task = Task { await work() }
            flights[key] = task
            return (task, false)
        }
        if joined {
            waiting.add(1, ordering: .relaxed)
            let result = await task.value
            waiting.subtract(1, ordering: .relaxed)
            return (result, true)
        }
        let result = await task.value
        flights.withLock { _ = $0.removeValue(forKey: key) }
        return (result, false)
    }
}

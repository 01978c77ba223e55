import Synchronization

/// A counting semaphore for async code: FIFO among waiters, cancellation-aware, and
/// non-suspending when a permit is free. Used to bound requests in flight per client and,
/// with one permit, to let a single waiter at a time sleep on the upstream budget.
package final class AsyncSemaphore: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var permits: Int
        var waiters: [Waiter] = []
        var head = 0
        var nextID: UInt64 = 0

        var hasWaiters: Bool { head < waiters.count }

        mutating func popWaiter() -> Waiter? {
            guard hasWaiters else { return nil }
            let waiter = waiters[head]
            head += 1
            if head > 64 && head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            return waiter
        }
    }

    private let state: Mutex<State>

    /// Creates a semaphore with `permits` (at least 1).
    package init(permits: Int) {
        state = Mutex(State(permits: max(1, permits)))
    }

    /// Takes a permit, waiting in line if none is free.
    /// - Throws: `CancellationError` if the task is cancelled before it gets one.
    package func acquire() async throws(CancellationError) {
        enum Entry { case acquired, cancelled, queued(UInt64) }
        // Fast path without suspension: a free permit and nobody ahead.
        let fast: Entry = state.withLock { state in
            if Task.isCancelled { return .cancelled }
            if state.permits > 0 && !state.hasWaiters {
                state.permits -= 1
                return .acquired
            }
            return .queued(0)
        }
        switch fast {
        case .acquired: return
        case .cancelled: throw CancellationError()
        case .queued: break
        }
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let granted = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.permits > 0 && !state.hasWaiters {
                        state.permits -= 1
                        return true
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let removed: Waiter? = state.withLock { state in
                guard let index = state.waiters[state.head...].firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            removed?.continuation.resume(returning: false)
        }
        if !granted { throw CancellationError() }
    }

    /// Returns a permit, handing it straight to the longest waiter if there is one.
    package func release() {
        let next: Waiter? = state.withLock { state in
            if let waiter = state.popWaiter() { return waiter }
            state.permits += 1
            return nil
        }
        next?.continuation.resume(returning: true)
    }
}

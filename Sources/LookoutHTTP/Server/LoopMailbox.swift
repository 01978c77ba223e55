import Glibc
import Synchronization

/// A message to an event loop from another thread.
enum LoopMessage: Sendable {
    /// Serve this accepted connection (sent by the accepting loop).
    case adopt(fd: Int32, remoteAddress: String)
    /// An async handler finished; write its response on connection `fd` if it is still
    /// the same connection (`connectionID`), since descriptors are reused.
    case response(fd: Int32, connectionID: UInt64, response: HTTPResponse)
    /// Stop accepting, finish in-flight requests, close everything by `deadline`.
    case drain(deadline: MonotonicInstant)
}

/// The only door into an event loop from other threads: a mutex-protected queue plus an
/// eventfd that wakes the loop's `epoll_wait`.
///
/// The eventfd is written only when the queue goes from empty to non-empty, so a burst of
/// completions costs one wake-up. The descriptor lives as long as the mailbox object, and
/// every task that may post holds a reference, so a late post can never hit a descriptor
/// number that was closed and reused; posts after the loop stopped are refused instead.
final class LoopMailbox: Sendable {
    private struct State {
        var messages: [LoopMessage] = []
        var closed = false
    }

    /// The eventfd the loop watches.
    let eventFD: Int32
    private let state = Mutex(State())

    init() throws(HTTPServerError) {
        eventFD = LinuxAPI.makeEventFD()
        guard eventFD >= 0 else { throw Socket.systemError(.systemResources, "eventfd") }
    }

    deinit { Socket.close(eventFD) }

    /// Queues `message` and wakes the loop. Returns `false` if the loop has stopped, in
    /// which case the caller still owns whatever the message carried.
    @discardableResult
    func post(_ message: LoopMessage) -> Bool {
        let (accepted, wake) = state.withLock { state -> (Bool, Bool) in
            guard !state.closed else { return (false, false) }
            state.messages.append(message)
            return (true, state.messages.count == 1)
        }
        if wake {
            var one: UInt64 = 1
            _ = write(eventFD, &one, MemoryLayout<UInt64>.size)
        }
        return accepted
    }

    /// Called by the loop when the eventfd is readable: resets it and moves every queued
    /// message into `messages` (which must be empty).
    func takeAll(into messages: inout [LoopMessage]) {
        var count: UInt64 = 0
        _ = read(eventFD, &count, MemoryLayout<UInt64>.size)
        state.withLock { swap(&$0.messages, &messages) }
    }

    /// Called by the loop as it stops: refuses further posts and returns what was queued.
    func close() -> [LoopMessage] {
        state.withLock { state in
            state.closed = true
            defer { state.messages = [] }
            return state.messages
        }
    }
}

/// The event loop's one-shot timers, a binary min-heap ordered by deadline.
///
/// Timers wake connections whose response is being delivered step by step (the pauses of
/// a ``HTTPResponseDeliveryStrategy``) or whose abort waits for acknowledgement. Each entry
/// names its connection by descriptor and id, never by reference, so a connection that
/// closes early leaves a stale entry behind, which the loop recognises and skips when it
/// comes due; nothing has to be searched for and removed. A connection has at most one
/// live timer at a time, so stale entries are bounded by the timers ever armed.
///
/// Not thread-safe: owned and used by one event loop thread.
struct TimerHeap {
    /// One armed timer.
    struct Entry {
        let deadline: MonotonicInstant
        let fd: Int32
        let connectionID: UInt64
    }

    private var entries: [Entry] = []

    /// The earliest deadline, if any timer is armed.
    var nextDeadline: MonotonicInstant? { entries.first?.deadline }

    /// Whether no timer is armed.
    var isEmpty: Bool { entries.isEmpty }

    /// Arms a timer.
    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    mutating func popDue(at now: MonotonicInstant) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { break }
            let right = left + 1
            let smaller = right < entries.count && entries[right].deadline < entries[left].deadline ? right : left
            guard entries[smaller].deadline < entries[parent].deadline else { break }
            entries.swapAt(smaller, parent)
            parent = smaller
        }
        return first
    }
}

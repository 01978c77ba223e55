/// One client IP's sliding window of request times, and its ban.
///
/// Times are kept in arrival order in a growable queue (an array plus a head index,
/// compacted as it drains), so counting is exact — no buckets. Arrivals that read the
/// clock slightly out of order are recorded at the latest time seen, keeping the queue
/// sorted.
struct IPWindow: Sendable {
    private var times: [Int64] = []
    private var head = 0
    /// End of the ban (ns since the epoch), if banned.
    var bannedUntil: Int64?

    /// Requests currently in the window.
    var count: Int { times.count - head }

    /// The latest recorded request time (ns), or `Int64.min`.
    var lastRequest: Int64 { times.last ?? .min }

    /// Forgets requests at or before `cutoff` (ns); returns how many remain.
    @discardableResult
    mutating func evict(through cutoff: Int64) -> Int {
        while head < times.count, times[head] <= cutoff { head += 1 }
        if head >= 1024, head * 2 >= times.count {
            times.removeFirst(head)
            head = 0
        }
        return count
    }

    /// Records a request at `now` (ns).
    mutating func record(at now: Int64) {
        times.append(max(now, lastRequest))
    }

    /// Forgets every request (after a ban expires).
    mutating func clear() {
        times.removeAll(keepingCapacity: false)
        head = 0
    }
}

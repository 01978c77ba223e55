/// An additive-increase, multiplicative-decrease (AIMD) limit: the number of requests per
/// window a budget currently allows, between a `floor` and a `ceiling`. Pure state, driven
/// by the caller's clock.
///
/// A throttling signal (Bybit's retCode 10006) multiplies the limit by
/// ``decreaseFactor``, at most once per ``interval``: the answers to requests already in
/// flight were sent under the old limit and say nothing about the new one. When the caller
/// knows how many requests it actually sent in the last window, the decrease starts from
/// that (if lower): a limit far above the real rate would otherwise take many windows to
/// come down to where the upstream throttles. Every full
/// ``interval`` without a signal since the last change adds ``increaseStep``, up to the
/// ceiling. With the defaults a budget finding a hidden limit `L` settles into a sawtooth
/// between about `0.7 L` and `L`.
package struct AdaptiveBudgetLimit<Instant: InstantProtocol>: Sendable, Equatable where Instant.Duration == Duration {
    /// The configured maximum.
    package let ceiling: Int
    /// The limit never drops below this.
    package let floor: Int
    /// What a throttling signal multiplies the limit by, in `(0, 1)`.
    package let decreaseFactor: Double
    /// What each quiet interval adds back.
    package let increaseStep: Int
    /// The recovery period, and the hold-off between two decreases.
    package let interval: Duration
    /// The limit before recovery up to the instant last passed in.
    private(set) var current: Int
    /// When the limit last changed (a decrease or a recovery step); `nil` at the ceiling.
    private var anchor: Instant?
    private var lastDecrease: Instant?

    /// Creates a limit at its `ceiling`.
    package init(ceiling: Int, floor: Int = 1, decreaseFactor: Double = 0.7, increaseStep: Int = 1, interval: Duration) {
        self.ceiling = max(1, ceiling)
        self.floor = min(self.ceiling, max(1, floor))
        self.decreaseFactor = min(0.99, max(0.01, decreaseFactor))
        self.increaseStep = max(1, increaseStep)
        self.interval = interval > .zero ? interval : .seconds(1)
        current = self.ceiling
    }

    /// The limit in force at `now`, after any recovery due.
    package mutating func limit(at now: Instant) -> Int {
        recover(at: now)
        return current
    }

    /// A throttling signal at `now`: decreases the limit unless it already decreased less
    /// than one ``interval`` ago. `observed` is how many requests were sent in the last
    /// interval, when known. Returns whether it decreased.
    @discardableResult
    package mutating func throttled(at now: Instant, observed: Int? = nil) -> Bool {
        recover(at: now)
        if let lastDecrease, now < lastDecrease.advanced(by: interval) { return false }
        // No request in the window (a signal about another process's traffic, or a pause
        // that outlived the window) says nothing about the rate: decrease from the limit.
        let sample = (observed ?? 0) > 0 ? observed! : current
        let base = min(current, sample)
        let reduced = max(floor, Int((Double(base) * decreaseFactor).rounded(.down)))
        lastDecrease = now
        anchor = now
        guard reduced < current else { return false }
        current = reduced
        return true
    }

    private mutating func recover(at now: Instant) {
        guard let start = anchor else { return }
        guard current < ceiling else { anchor = nil; return }
        let steps = Int((start.duration(to: now) / interval).rounded(.down))
        guard steps >= 1 else { return }
        current = min(ceiling, current + steps * increaseStep)
        anchor = current < ceiling ? start.advanced(by: interval * steps) : nil
    }
}

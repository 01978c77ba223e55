import Lookout

/// The series one ``RateLimiter`` records its decisions into, resolved once when the
/// limiter is built (see ``RateLimitObserver/decisionRecorder(policies:backend:)``): the
/// `rate_limit_decisions_total` series of every (policy, result) pair, by the policy's
/// position in the limiter's check order, and the backend's
/// `rate_limit_decision_duration_seconds` series. Recording a decision looks nothing up
/// and allocates nothing.
///
/// Thread-safety: immutable; the series are atomic.
public struct RateLimitDecisionRecorder: Sendable {
    /// Allowed and denied counters of policy `i` at `2 i` and `2 i + 1`.
    private let counters: [Counter]
    /// The backend's decision-duration series.
    private let duration: Histogram

    /// A recorder counting into `counters` (allowed then denied, per policy in check
    /// order) and observing durations into `duration`.
    public init(counters: [Counter], duration: Histogram) {
        self.counters = counters
        self.duration = duration
    }

    /// Counts a decision of the policy at `policyIndex` (check order) and observes its
    /// duration in seconds. An index outside the policies given is ignored.
    @inline(__always)
    public func record(policyIndex: Int, allowed: Bool, durationSeconds: Double) {
        let index = policyIndex &* 2 &+ (allowed ? 0 : 1)
        if index >= 0, index < counters.count { counters[index].inc() }
        duration.observe(durationSeconds)
    }
}

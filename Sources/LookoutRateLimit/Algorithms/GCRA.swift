/// The generic cell rate algorithm: a token bucket of `burst` tokens refilled at `limit`
/// per `window`, stored as one instant, the theoretical arrival time (TAT).
///
/// Each admitted request of cost `c` moves the TAT `c × T` later, where the emission
/// interval `T = window / limit`. A request is admitted when the new TAT is at most
/// `burst × T` ahead of now. From an idle key, `burst` requests pass back to back, then
/// one every `T`.
public enum GCRA {
    /// Decides a request of `cost` at `now` (µs) for `limit` per `window` (µs) with `burst`.
    public static func decide(_ state: inout LimiterState, now: Int64, limit: Int64, burst: Int64, window: Int64, cost: Int64 = 1) -> RateLimitDecision {
        let emission = max(1, window / limit)
        let tolerance = emission * burst
        let tat = max(state.mark, now)
        let newTAT = tat + emission * cost
        let allowAt = newTAT - tolerance
        if now >= allowAt {
            state.mark = newTAT
            return RateLimitDecision(isAllowed: true, limit: Int(limit), remaining: Int(min((now - allowAt) / emission, burst)),
                                     resetAfterMicroseconds: newTAT - now, retryAfterMicroseconds: 0)
        }
        let retry = allowAt - now
        return RateLimitDecision(isAllowed: false, limit: Int(limit), remaining: 0,
                                 resetAfterMicroseconds: max(tat - now, retry), retryAfterMicroseconds: retry)
    }
}

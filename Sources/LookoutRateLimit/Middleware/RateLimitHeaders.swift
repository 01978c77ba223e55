import LookoutHTTP

/// The IETF rate-limit header fields (draft-ietf-httpapi-ratelimit-headers), as
/// structured-field lists whose items are the policy names as strings.
///
/// - `RateLimit-Policy: "per-ip";q=60;w=60, "global";q=1000;w=60`: every policy checked
///   for the request, with its quota `q` and window `w` in seconds.
/// - `RateLimit: "per-ip";r=12;t=30`: the most restrictive one, with the requests
///   remaining `r` and the seconds until its quota resets `t`.
/// - `Retry-After: 12` on a denial, in whole seconds, at least 1.
///
/// Policy items are rendered once per limit by the ``RateLimiter``; per request only the
/// `RateLimit` numbers are written.
public enum RateLimitHeaders {
    /// The `RateLimit-Policy` value for `outcome`, or `nil` when no policy applied.
    public static func policy(_ outcome: RateLimitOutcome) -> String? {
        guard let first = outcome.first else { return nil }
        if outcome.more.isEmpty { return first.policyItem }
        var value = first.policyItem
        for entry in outcome.more {
            value += ", "
            value += entry.policyItem
        }
        return value
    }

    /// The `RateLimit` value for `outcome`, or `nil` when no policy applied.
    public static func rateLimit(_ outcome: RateLimitOutcome) -> String? {
        guard let entry = outcome.mostRestrictive else { return nil }
        var value = "\""
        value.reserveCapacity(entry.policy.utf8.count + 32)
        value += entry.policy
        value += "\";r="
        value += String(entry.decision.remaining)
        value += ";t="
        value += String(entry.decision.resetAfterSeconds)
        return value
    }

    /// Adds the headers for `outcome` to `headers` (replacing any already there).
    public static func apply(_ outcome: RateLimitOutcome, to headers: inout HTTPHeaders) {
        if let policy = policy(outcome) { headers.set("RateLimit-Policy", policy) }
        if let rateLimit = rateLimit(outcome) { headers.set("RateLimit", rateLimit) }
        if !outcome.isAllowed, let entry = outcome.mostRestrictive {
            headers.set("Retry-After", String(entry.decision.retryAfterSeconds))
        }
    }

    /// One `RateLimit-Policy` list item: `"name";q=limit;w=window seconds`.
    static func policyItem(_ name: String, _ limit: RateLimit) -> String {
        "\"\(name)\";q=\(limit.limit);w=\(limit.windowSeconds)"
    }
}

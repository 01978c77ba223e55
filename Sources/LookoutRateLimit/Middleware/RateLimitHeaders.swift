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

    /// The `RateLimit` value for `outcome`, or `nil` when no policy applied: written
    /// straight into the new string's storage (one allocation, no interpolation).
    public static func rateLimit(_ outcome: RateLimitOutcome) -> String? {
        outcome.mostRestrictive.map(rateLimit)
    }

    /// The `RateLimit` value for the most restrictive `entry`.
    static func rateLimit(_ entry: RateLimitOutcome.Entry) -> String {
        let name = entry.policy.utf8
        // `"` name `";r=` digits `;t=` digits: 20 bytes hold any Int64 with its sign.
        return String(unsafeUninitializedCapacity: name.count + 5 + 20 + 3 + 20) { buffer in
            var offset = 0
            buffer[offset] = UInt8(ascii: "\"")
            offset += 1
            for byte in name {
                buffer[offset] = byte
                offset += 1
            }
            offset = write(#"";r="#, into: buffer, at: offset)
            offset = write(Int64(entry.decision.remaining), into: buffer, at: offset)
            offset = write(";t=", into: buffer, at: offset)
            return write(entry.decision.resetAfterSeconds, into: buffer, at: offset)
        }
    }

    /// Adds the headers for `outcome` to `headers` (replacing any already there).
    public static func apply(_ outcome: RateLimitOutcome, to headers: inout HTTPHeaders) {
        guard let first = outcome.first else { return }
        headers.reserveCapacity(headers.count + 3)
        if outcome.more.isEmpty {
            // One policy, the usual case: no list to join, nothing to compare. Kept apart from
            // the general path below, which gives the same headers: going through it costs
            // about 50 ns more per request (ratelimit-benchmark's allow path, 555 vs 620 ns).
            put("RateLimit-Policy", first.policyItem, into: &headers)
            put("RateLimit", rateLimit(first), into: &headers)
            if !outcome.isAllowed { put("Retry-After", String(first.decision.retryAfterSeconds), into: &headers) }
            return
        }
        guard let policy = policy(outcome), let entry = outcome.mostRestrictive else { return }
        put("RateLimit-Policy", policy, into: &headers)
        put("RateLimit", rateLimit(entry), into: &headers)
        if !outcome.isAllowed {
            put("Retry-After", String(entry.decision.retryAfterSeconds), into: &headers)
        }
    }

    /// Sets `name` to `value`: appended when no field of that name is there (the usual
    /// case, found by comparing lengths first), else replacing every such field.
    private static func put(_ name: String, _ value: String, into headers: inout HTTPHeaders) {
        let length = name.utf8.count
        if headers.contains(where: { $0.name.utf8.count == length && HTTPHeaders.namesMatch($0.name, name) }) {
            headers.set(name, value)
        } else {
            headers.add(name, value)
        }
    }

    /// Copies the ASCII `text` into `buffer` at `offset`; returns the offset after it.
    @inline(__always)
    private static func write(_ text: StaticString, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var offset = offset
        text.withUTF8Buffer { bytes in
            for byte in bytes {
                buffer[offset] = byte
                offset += 1
            }
        }
        return offset
    }

    /// Writes the decimal digits of `value` into `buffer` at `offset` (at most 20 bytes);
    /// returns the offset after them.
    @inline(__always)
    private static func write(_ value: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var offset = offset
        if value < 0 {
            buffer[offset] = UInt8(ascii: "-")
            offset += 1
        }
        var rest = value.magnitude
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20, rest >= scale {
            digits += 1
            scale = scale &* 10
        }
        var index = offset + digits
        repeat {
            index -= 1
            buffer[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
        } while index > offset
        return offset + digits
    }

    /// One `RateLimit-Policy` list item: `"name";q=limit;w=window seconds`.
    static func policyItem(_ name: String, _ limit: RateLimit) -> String {
        "\"\(name)\";q=\(limit.limit);w=\(limit.windowSeconds)"
    }
}

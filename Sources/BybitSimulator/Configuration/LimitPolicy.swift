/// What the simulator does with a `limit` outside the documented range (`[1, 1000]` for
/// klines and instruments-info, `[1, 500]` for option mark-price klines).
///
/// Bybit does not document this, and no observation was found. The default is
/// ``reject``: a client that sends `limit=1001` has a bug, and a test should say so.
public enum LimitPolicy: String, Sendable, Hashable, CaseIterable {
    /// Answer HTTP 200 with `retCode` 10001, `retMsg` `Request parameter error`.
    case reject
    /// Clamp into range silently, as some exchanges do.
    case clamp
}

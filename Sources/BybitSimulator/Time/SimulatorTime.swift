/// A wall-clock instant in UTC, stored as nanoseconds since the Unix epoch.
///
/// The simulator keeps nanoseconds because `/v5/market/time` reports `timeNano`; every other
/// field Bybit sends is in milliseconds (``millisecondsSinceEpoch``). The range covers the
/// years 1678–2262, far beyond any candle the simulator can produce.
public struct SimulatorTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64

    /// Creates an instant from nanoseconds since the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// The instant `milliseconds` after the Unix epoch, as Bybit writes timestamps.
    public static func milliseconds(_ milliseconds: Int64) -> SimulatorTime {
        SimulatorTime(nanosecondsSinceEpoch: milliseconds &* 1_000_000)
    }

    /// Whole milliseconds since the Unix epoch, rounded towards the past.
    public var millisecondsSinceEpoch: Int64 { floorDivide(nanosecondsSinceEpoch, 1_000_000) }

    /// Whole seconds since the Unix epoch, rounded towards the past.
    public var secondsSinceEpoch: Int64 { floorDivide(nanosecondsSinceEpoch, 1_000_000_000) }

    /// The instant `duration` later (earlier for a negative duration).
    public static func + (lhs: SimulatorTime, rhs: Duration) -> SimulatorTime {
        SimulatorTime(nanosecondsSinceEpoch: lhs.nanosecondsSinceEpoch &+ rhs.nanoseconds)
    }

    /// Orders instants from past to future.
    public static func < (lhs: SimulatorTime, rhs: SimulatorTime) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// The instant in milliseconds with an `ms` suffix, e.g. `1670608800000ms`.
    public var description: String { "\(millisecondsSinceEpoch)ms" }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at `Int64`'s range.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }

    /// The duration in whole milliseconds, saturating at `Int64`'s range.
    var milliseconds: Int64 { nanoseconds / 1_000_000 }
}

/// Integer division rounding towards negative infinity (Swift's `/` truncates towards zero).
@inline(__always)
func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
}

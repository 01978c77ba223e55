/// A kline interval as Bybit spells it in the `interval` query parameter.
///
/// Minute intervals are aligned to multiples of their length since the Unix epoch (so a
/// 240-minute candle starts at 00:00, 04:00, … UTC). Alignment of the calendar intervals is
/// a documented assumption where Bybit is silent: `D` starts at 00:00 UTC (observed), `W` on
/// Monday 00:00 UTC and `M` on the 1st of the month 00:00 UTC.
public enum CandleInterval: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// One minute.
    case minute1 = "1"
    /// Three minutes.
    case minute3 = "3"
    /// Five minutes.
    case minute5 = "5"
    /// Fifteen minutes.
    case minute15 = "15"
    /// Thirty minutes.
    case minute30 = "30"
    /// One hour.
    case minute60 = "60"
    /// Two hours.
    case minute120 = "120"
    /// Four hours.
    case minute240 = "240"
    /// Six hours.
    case minute360 = "360"
    /// Twelve hours.
    case minute720 = "720"
    /// One UTC day.
    case day = "D"
    /// One week starting Monday 00:00 UTC.
    case week = "W"
    /// One calendar month starting on the 1st, 00:00 UTC.
    case month = "M"

    /// The wire spelling, e.g. `"60"` or `"D"`.
    public var description: String { rawValue }

    static let millisecondsPerDay: Int64 = 86_400_000

    /// The fixed length in milliseconds, or `nil` for ``month`` (28–31 days).
    public var fixedLengthMilliseconds: Int64? {
        switch self {
        case .minute1: 60_000
        case .minute3: 180_000
        case .minute5: 300_000
        case .minute15: 900_000
        case .minute30: 1_800_000
        case .minute60: 3_600_000
        case .minute120: 7_200_000
        case .minute240: 14_400_000
        case .minute360: 21_600_000
        case .minute720: 43_200_000
        case .day: Self.millisecondsPerDay
        case .week: 7 * Self.millisecondsPerDay
        case .month: nil
        }
    }

    /// The start (ms since the epoch) of the candle that contains `milliseconds`.
    public func candleStart(containing milliseconds: Int64) -> Int64 {
        switch self {
        case .week:
            // 1970-01-01 was a Thursday; shifting by 3 days makes weeks start on Monday.
            let days = floorDivide(milliseconds, Self.millisecondsPerDay)
            return (floorDivide(days + 3, 7) * 7 - 3) * Self.millisecondsPerDay
        case .month:
            let date = CivilDate(daysSinceEpoch: floorDivide(milliseconds, Self.millisecondsPerDay))
            return date.firstOfMonth(offsetBy: 0).daysSinceEpoch * Self.millisecondsPerDay
        default:
            let length = fixedLengthMilliseconds!
            return floorDivide(milliseconds, length) * length
        }
    }

    /// The start of the candle after the one starting at `start` (which must be aligned).
    public func candleStart(after start: Int64) -> Int64 {
        guard self == .month else { return start + fixedLengthMilliseconds! }
        let date = CivilDate(daysSinceEpoch: floorDivide(start, Self.millisecondsPerDay))
        return date.firstOfMonth(offsetBy: 1).daysSinceEpoch * Self.millisecondsPerDay
    }

    /// The start of the candle before the one starting at `start` (which must be aligned).
    public func candleStart(before start: Int64) -> Int64 {
        guard self == .month else { return start - fixedLengthMilliseconds! }
        let date = CivilDate(daysSinceEpoch: floorDivide(start, Self.millisecondsPerDay))
        return date.firstOfMonth(offsetBy: -1).daysSinceEpoch * Self.millisecondsPerDay
    }
}

/// A candle length, the `interval` query parameter: `1 3 5 15 30 60 120 240 360 720` minutes,
/// `D`ay, `W`eek or `M`onth.
///
/// Minute and day candles start at multiples of their length since the Unix epoch (days at
/// 00:00 UTC). Weekly and monthly alignment is not documented by Bybit, so the client never
/// relies on it (see ``BybitClient/candles(category:symbol:interval:from:to:)``); a monthly
/// candle is assumed to end at the start of the next UTC calendar month.
public enum KlineInterval: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `1`: one minute.
    case oneMinute = "1"
    /// `3`: three minutes.
    case threeMinutes = "3"
    /// `5`: five minutes.
    case fiveMinutes = "5"
    /// `15`: fifteen minutes.
    case fifteenMinutes = "15"
    /// `30`: thirty minutes.
    case thirtyMinutes = "30"
    /// `60`: one hour.
    case oneHour = "60"
    /// `120`: two hours.
    case twoHours = "120"
    /// `240`: four hours.
    case fourHours = "240"
    /// `360`: six hours.
    case sixHours = "360"
    /// `720`: twelve hours.
    case twelveHours = "720"
    /// `D`: one UTC day.
    case day = "D"
    /// `W`: one week (alignment undocumented by Bybit).
    case week = "W"
    /// `M`: one calendar month (alignment undocumented by Bybit).
    case month = "M"

    /// Parses the API's spelling (`"1"`, `"60"`, `"D"`…).
    /// - Throws: ``BybitError/Code/invalidArgument`` naming the accepted values.
    public init(apiValue: String) throws(BybitError) {
        guard let interval = KlineInterval(rawValue: apiValue) else {
            let accepted = KlineInterval.allCases.map(\.rawValue).joined(separator: " ")
            throw BybitError(code: .invalidArgument, message: "interval '\(apiValue)' is not a Bybit kline interval; use one of: \(accepted)")
        }
        self = interval
    }

    /// The API's spelling.
    public var description: String { rawValue }

    /// The candle length in milliseconds, or `nil` for ``month`` (months vary).
    public var milliseconds: Int64? {
        switch self {
        case .day: 86_400_000
        case .week: 7 * 86_400_000
        case .month: nil
        default: Int64(rawValue)! * 60_000
        }
    }

    /// The shortest possible candle in milliseconds (28 days for ``month``).
    var minimumMilliseconds: Int64 { milliseconds ?? 28 * 86_400_000 }

    /// When the candle that starts at `start` (ms since the epoch, UTC) closes.
    public func end(ofCandleStartingAt start: Int64) -> Int64 {
        if let length = milliseconds { return start + length }
        return UTCCalendar.startOfNextMonth(after: start)
    }
}

/// The bucket length of Bybit's market statistics: `intervalTime` on
/// `/v5/market/open-interest` and `period` on `/v5/market/account-ratio`.
///
/// Rows start on the bucket's UTC boundary (a `1d` row at 00:00 UTC). The raw value is
/// the exchange's own spelling (`5min`, `15min`, `30min`, `1h`, `4h`, `1d`).
public enum BybitStatisticsPeriod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Five minutes (`5min`).
    case fiveMinutes = "5min"
    /// Fifteen minutes (`15min`).
    case fifteenMinutes = "15min"
    /// Thirty minutes (`30min`).
    case thirtyMinutes = "30min"
    /// One hour (`1h`).
    case oneHour = "1h"
    /// Four hours (`4h`).
    case fourHours = "4h"
    /// One UTC day (`1d`).
    case oneDay = "1d"

    public var description: String { rawValue }

    /// The bucket length in milliseconds.
    public var milliseconds: Int64 {
        switch self {
        case .fiveMinutes: 300_000
        case .fifteenMinutes: 900_000
        case .thirtyMinutes: 1_800_000
        case .oneHour: 3_600_000
        case .fourHours: 14_400_000
        case .oneDay: 86_400_000
        }
    }

    /// Every spelling, space-separated, for error messages.
    static var spellings: String { allCases.map(\.rawValue).joined(separator: " ") }
}

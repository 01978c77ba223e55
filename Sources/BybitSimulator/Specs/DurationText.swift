/// Parses and prints durations in the compact form the spec strings use:
/// an integer with a unit, `ns`, `us`, `ms`, `s`, `m` or `h` (`250ms`, `10m`), or `0`.
enum DurationText {
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    static func parse(_ text: some StringProtocol, subject: String) throws(SimulatorConfigurationError) -> Duration {
        if text == "0" { return .zero }
        // Longest suffix first, so "ms" is not read as "m" + "s".
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where text.hasSuffix(unit.suffix) {
            if let value = Int64(text.dropLast(unit.suffix.count)), value >= 0,
               case let (total, overflow) = value.multipliedReportingOverflow(by: unit.nanoseconds), !overflow {
                return .nanoseconds(total)
            }
        }
        throw SimulatorConfigurationError(
            .invalidBehavior, subject: subject, "'\(text)' is not a duration; write an integer with a unit, e.g. 250ms, 5s or 10m")
    }

    /// The largest unit that divides the duration exactly, e.g. `90s`, `250ms`.
    static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        if nanoseconds == 0 { return "0" }
        let unit = units.last { nanoseconds % $0.nanoseconds == 0 }!
        return "\(nanoseconds / unit.nanoseconds)\(unit.suffix)"
    }
}

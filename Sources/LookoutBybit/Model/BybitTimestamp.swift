/// Bybit's timestamps (milliseconds since the Unix epoch) as ISO 8601 UTC text and back,
/// without Foundation: for error messages, command lines and human-readable output.
///
/// ```swift
/// BybitTimestamp.format(1_717_200_000_000)          // "2024-06-01T00:00:00Z"
/// BybitTimestamp.parse("2024-06-01")                // 1717200000000
/// BybitTimestamp.parse("2024-06-01T12:30Z")         // 1717245000000
/// BybitTimestamp.parse("1717200000000")             // 1717200000000
/// ```
public enum BybitTimestamp {
    /// The last millisecond of year 9999 (`9999-12-31T23:59:59.999Z`): the latest time the
    /// parsers accept from Bybit, so candle ends and month arithmetic cannot overflow.
    public static let latestMilliseconds: Int64 = 253_402_300_799_999

    /// `YYYY-MM-DDTHH:MM:SSZ`, with `.mmm` before the `Z` when the time has milliseconds.
    public static func format(_ milliseconds: Int64) -> String {
        let day = milliseconds >= 0 ? milliseconds / 86_400_000 : -((-milliseconds + 86_399_999) / 86_400_000)
        let (year, month, dayOfMonth) = UTCCalendar.civil(fromDays: day)
        let inDay = milliseconds - day * 86_400_000
        let seconds = inDay / 1000
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if inDay % 1000 != 0 { text += "." + pad(inDay % 1000, 3) }
        return text + "Z"
    }

    /// Reads milliseconds since the epoch (digits only) or an ISO 8601 UTC date-time:
    /// `YYYY-MM-DD`, optionally followed by `THH:MM`, `:SS`, `.fff` and a final `Z`.
    /// Returns `nil` for anything else, including impossible dates (`2024-02-30`) and
    /// other time zones.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.count <= 16, bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { return Int64(text) }
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + digits] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var milliseconds = UTCCalendar.days(fromYear: year, month: month, day: day) * 86_400_000
        if expect("T") || expect(" ") {
            guard let hour = number(2), hour < 24, expect(":"), let minute = number(2), minute < 60 else { return nil }
            milliseconds += (hour * 3600 + minute * 60) * 1000
            if expect(":") {
                guard let second = number(2), second < 60 else { return nil }
                milliseconds += second * 1000
                if expect(".") {
                    guard let fraction = number(3) else { return nil }
                    milliseconds += fraction
                }
            }
        }
        _ = expect("Z")
        return index == bytes.count ? milliseconds : nil
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Reads the HTTP `Date` response header (RFC 9110 IMF-fixdate, e.g.
/// `Sun, 06 Nov 1994 08:49:37 GMT`) as milliseconds since the Unix epoch.
///
/// Used as the exchange's clock when a body lacks its top-level `time`. The obsolete
/// RFC 850 and asctime forms are not accepted: a header in those forms (or anything else
/// unparseable) gives `nil`, and the caller asks the server-time endpoint instead.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The instant `header` names, in ms since the epoch; `nil` unless it is a valid IMF-fixdate.
    static func milliseconds(_ header: String) -> Int64? {
        let bytes = Array(header.utf8)
        // "Sun, 06 Nov 1994 08:49:37 GMT" is exactly 29 bytes.
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == UInt8(ascii: " "), bytes[7] == UInt8(ascii: " "),
              bytes[11] == UInt8(ascii: " "), bytes[16] == UInt8(ascii: " "), bytes[19] == UInt8(ascii: ":"),
              bytes[22] == UInt8(ascii: ":"), bytes[25] == UInt8(ascii: " "),
              String(decoding: bytes[26..<29], as: UTF8.self) == "GMT",
              weekdays.contains(String(decoding: bytes[0..<3], as: UTF8.self)),
              let monthIndex = months.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)),
              let day = digits(bytes[5..<7]), let year = digits(bytes[12..<16]), let hour = digits(bytes[17..<19]),
              let minute = digits(bytes[20..<22]), let second = digits(bytes[23..<25]),
              (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let month = Int64(monthIndex + 1)
        let days = UTCCalendar.days(fromYear: year, month: month, day: day)
        // Reject dates that do not exist (31 Feb rolls over to March).
        let civil = UTCCalendar.civil(fromDays: days)
        guard civil.month == month, civil.day == day else { return nil }
        return ((days * 24 + hour) * 60 + minute) * 60_000 + min(second, 59) * 1000
    }

    private static func digits(_ slice: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in slice {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }
}

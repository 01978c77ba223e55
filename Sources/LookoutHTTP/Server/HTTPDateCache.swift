import Glibc

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per
/// second per event loop. Not thread-safe; each loop owns one.
struct HTTPDateCache {
    private var second = -1
    /// `Sun, 06 Nov 1994 08:49:37 GMT`: always 29 ASCII bytes.
    private(set) var bytes = [UInt8](repeating: 0x20, count: 29)

    /// Reformats the date if the wall-clock second changed.
    mutating func refresh() {
        let now = time(nil)
        guard now != second else { return }
        second = now
        var parts = tm()
        var seconds = now
        gmtime_r(&seconds, &parts)
        let day = Self.weekdays[Int(parts.tm_wday) % 7]
        let month = Self.months[Int(parts.tm_mon) % 12]
        let year = Int(parts.tm_year) + 1900
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: day.utf8)
        out.append(contentsOf: ", ".utf8)
        Self.appendTwoDigits(Int(parts.tm_mday), to: &out)
        out.append(0x20)
        out.append(contentsOf: month.utf8)
        out.append(0x20)
        Self.appendTwoDigits(year / 100, to: &out)
        Self.appendTwoDigits(year % 100, to: &out)
        out.append(0x20)
        Self.appendTwoDigits(Int(parts.tm_hour), to: &out)
        out.append(UInt8(ascii: ":"))
        Self.appendTwoDigits(Int(parts.tm_min), to: &out)
        out.append(UInt8(ascii: ":"))
        Self.appendTwoDigits(Int(parts.tm_sec), to: &out)
        out.append(contentsOf: " GMT".utf8)
        bytes = out
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(0x30 + (value / 10) % 10))
        out.append(UInt8(0x30 + value % 10))
    }
}

/// Proleptic Gregorian calendar arithmetic in UTC on milliseconds since the Unix epoch,
/// without Foundation (days ↔ civil date after H. Hinnant's public-domain algorithms).
enum UTCCalendar {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// The first millisecond of the UTC month after the one containing `time`.
    static func startOfNextMonth(after time: Int64) -> Int64 {
        var (year, month, _) = civil(fromDays: floorDivide(time, millisecondsPerDay))
        month += 1
        if month > 12 { month = 1; year += 1 }
        return days(fromYear: year, month: month, day: 1) * millisecondsPerDay
    }

    /// (year, month 1...12, day 1...31) for a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 for a civil date.
    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

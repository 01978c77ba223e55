/// Proleptic Gregorian calendar arithmetic on days since the Unix epoch, in UTC.
///
/// The algorithms are the well-known "days from civil" conversions (era-based, exact for
/// every representable day); they are all the simulator needs to align monthly candles
/// without Foundation.
struct CivilDate: Sendable, Hashable {
    var year: Int64
    /// 1...12
    var month: Int64
    /// 1...31
    var day: Int64

    /// The date of `days` after 1970-01-01.
    init(daysSinceEpoch days: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days from 1970-01-01 to this date.
    var daysSinceEpoch: Int64 {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(adjustedYear, 400)
        let yearOfEra = adjustedYear - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first day of the month `offset` months from this date's month.
    func firstOfMonth(offsetBy offset: Int64) -> CivilDate {
        let monthIndex = year * 12 + (month - 1) + offset
        return CivilDate(year: floorDivide(monthIndex, 12), month: monthIndex - floorDivide(monthIndex, 12) * 12 + 1, day: 1)
    }
}

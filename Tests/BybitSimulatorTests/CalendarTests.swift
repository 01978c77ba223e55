@testable import BybitSimulator
import Testing

@Suite struct CalendarTests {
    @Test func civilDatesRoundTripOverCenturies() {
        for day in stride(from: Int64(-200_000), through: 200_000, by: 37) {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(date.daysSinceEpoch == day)
            #expect((1...12).contains(date.month) && (1...31).contains(date.day))
        }
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch + 1 == CivilDate(year: 2024, month: 3, day: 1).daysSinceEpoch)
    }

    @Test(arguments: [
        (CandleInterval.week, Int64(1_709_251_199_999), Int64(1_708_905_600_000)),  // Thu 2024-02-29 → Mon 02-26
        (.week, 0, -259_200_000),  // Thu 1970-01-01 → Mon 1969-12-29
        (.month, 1_709_251_199_999, 1_706_745_600_000),  // 2024-02-29 → 2024-02-01
        (.month, 1_709_251_200_000, 1_709_251_200_000),  // 2024-03-01 exactly
        (.day, 1_670_610_000_000, 1_670_544_000_000),
        (.minute240, 1_670_610_000_000, 1_670_601_600_000),
        (.minute360, 1_670_610_000_000, 1_670_608_800_000),
    ])
    func candleStartsAlign(interval: CandleInterval, time: Int64, start: Int64) {
        #expect(interval.candleStart(containing: time) == start)
    }

    @Test func monthsStepAcrossYearsAndLeapDays() {
        let january2024 = CandleInterval.month.candleStart(containing: 1_704_067_200_000)
        #expect(CandleInterval.month.candleStart(before: january2024) == 1_701_388_800_000)  // 2023-12-01
        #expect(CandleInterval.month.candleStart(after: 1_706_745_600_000) == 1_709_251_200_000)  // Feb → Mar 2024
        #expect(CandleInterval.week.candleStart(after: 1_708_905_600_000) == 1_708_905_600_000 + 7 * 86_400_000)
    }
}

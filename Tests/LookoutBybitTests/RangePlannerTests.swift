@testable import LookoutBybit
import Testing

@Suite struct RangePlannerTests {
    static let day: Int64 = 86_400_000
    static let launch: Int64 = 1_704_067_200_000 // 2024-01-01, a Monday

    /// (from, to) pairs: aligned, mid-candle, tiny, and long.
    static let ranges: [(Int64, Int64)] = [
        (launch, launch + 10 * day), (launch + 12_345, launch + 40 * day + 999), (launch + 1, launch + 2),
        (launch, launch), (0, 3 * 365 * day), (launch + 7_777_777, launch + 400 * day),
    ]

    @Test("fixed intervals: aligned windows of at most `limit` candles that cover the range exactly",
          arguments: KlineInterval.allCases.filter { $0 != .week && $0 != .month }, [5, 1000])
    func fixedIntervals(interval: KlineInterval, limit: Int) {
        let length = interval.milliseconds!
        for (from, to) in Self.ranges {
            let windows = RangePlanner.windows(from: from, to: to, interval: interval, limit: limit)
            #expect(windows.count == RangePlanner.windowCount(from: from, to: to, interval: interval, limit: limit))
            let first = (from + length - 1) / length * length
            let expected = first <= to ? Int((to - first) / length) + 1 : 0
            var covered = 0
            var previousEnd = Int64.min
            for window in windows {
                #expect(window.start % length == 0, "window starts on a candle boundary")
                #expect(window.end - window.start <= Int64(limit - 1) * length, "Bybit's rule end - start <= (limit-1) x interval")
                #expect(window.start > previousEnd, "windows do not overlap")
                #expect(window.start >= from && window.end <= to)
                covered += Int((window.end - window.start) / length) + 1
                previousEnd = window.end
            }
            #expect(covered == expected, "\(interval) \(from)...\(to)")
            if let last = windows.last { #expect(last.end <= to && to - last.end < length, "the last window reaches the last candle start") }
        }
    }

    /// Candle starts for weeks (aligned to `weekOffset` days after the epoch) or months.
    static func exchangeStarts(_ interval: KlineInterval, from: Int64, to: Int64, weekOffset: Int64) -> [Int64] {
        var starts: [Int64] = []
        var start: Int64
        if interval == .week {
            let week = 7 * day
            let anchor = weekOffset * day
            start = from - ((from - anchor) % week + week) % week - week
        } else {
            var (year, month, _) = UTCCalendar.civil(fromDays: from / day)
            month -= 1
            if month == 0 { month = 12; year -= 1 }
            start = UTCCalendar.days(fromYear: year, month: month, day: 1) * day
        }
        while start <= to {
            starts.append(start)
            start = interval.end(ofCandleStartingAt: start)
        }
        return starts
    }

    @Test("week and month windows never hold more than `limit` candles, whatever the alignment",
          arguments: [KlineInterval.week, .month], [3, 5, 1000])
    func calendarIntervals(interval: KlineInterval, limit: Int) {
        for weekOffset: Int64 in [0, 1, 4, 6] { // Thursday, Friday, Monday, Wednesday anchors
            for (from, to) in Self.ranges {
                let windows = RangePlanner.windows(from: from, to: to, interval: interval, limit: limit)
                #expect(windows.count == RangePlanner.windowCount(from: from, to: to, interval: interval, limit: limit))
                let starts = Self.exchangeStarts(interval, from: from, to: to, weekOffset: weekOffset)
                var returned: Set<Int64> = []
                for window in windows {
                    // The exchange returns the candle containing `start` plus those starting up to `end`.
                    let rows = starts.filter { interval.end(ofCandleStartingAt: $0) > window.start && $0 <= window.end }
                    #expect(rows.count <= limit, "\(interval) window \(window) returns \(rows.count) candles")
                    returned.formUnion(rows)
                }
                let wanted = Set(starts.filter { $0 >= from && $0 <= to })
                #expect(wanted.isSubset(of: returned), "\(interval) \(from)...\(to) misses \(wanted.subtracting(returned).sorted())")
                if let first = windows.first, let last = windows.last {
                    #expect(first.start == from && last.end == to)
                }
            }
        }
    }

    @Test func emptyAndInvertedRanges() {
        #expect(RangePlanner.windows(from: 10, to: 5, interval: .oneMinute, limit: 1000).isEmpty)
        #expect(RangePlanner.windows(from: 1, to: 59_999, interval: .oneMinute, limit: 1000).isEmpty)
        #expect(RangePlanner.windowCount(from: 1, to: 59_999, interval: .oneMinute, limit: 1000) == 0)
        #expect(RangePlanner.windows(from: 60_000, to: 60_000, interval: .oneMinute, limit: 1000) == [PageWindow(start: 60_000, end: 60_000)])
    }
}

@Suite struct CandleAssemblyTests {
    func row(_ start: Int64, close: String = "1", closed: Bool = true) -> PriceKline {
        PriceKline(startTime: start, open: d("1"), high: d("1"), low: d("1"), close: d(close), isClosed: closed)
    }

    @Test func mergeFiltersSortsAndPrefersTheFreshestPage() {
        let older = (rows: [row(10), row(20, close: "2", closed: false), row(30)], serverTime: Int64(100))
        let newer = (rows: [row(20, close: "3"), row(5), row(40)], serverTime: Int64(200))
        let merged = CandleMerger.merge([newer, older], from: 10, to: 30)
        #expect(merged == [row(10), row(20, close: "3"), row(30)])
        let inOrder = CandleMerger.merge([(rows: [row(1), row(2)], serverTime: 1), (rows: [row(3)], serverTime: 1)], from: 0, to: 10)
        #expect(inOrder.map(\.startTime) == [1, 2, 3])
    }

    @Test func normalisingSortsDeduplicatesAndMarksOpenCandles() {
        var rows = [row(180_000), row(0), row(60_000), row(60_000, close: "9"), row(120_000)]
        rows.normalizeCandles(interval: .oneMinute, serverTime: 150_000)
        #expect(rows.map(\.startTime) == [0, 60_000, 120_000, 180_000])
        #expect(rows[1].close == d("9"))
        #expect(rows.map(\.isClosed) == [true, true, false, false])
        rows.normalizeCandles(interval: .oneMinute, serverTime: 240_000)
        #expect(rows.allSatisfy { $0.isClosed })
    }

    @Test func monthlyCandlesCloseAtTheNextCalendarMonth() {
        let february2024: Int64 = 1_706_745_600_000
        let march2024: Int64 = 1_709_251_200_000
        #expect(KlineInterval.month.end(ofCandleStartingAt: february2024) == march2024)
        var rows = [row(february2024)]
        rows.normalizeCandles(interval: .month, serverTime: march2024 - 1)
        #expect(rows[0].isClosed == false)
        rows.normalizeCandles(interval: .month, serverTime: march2024)
        #expect(rows[0].isClosed == true)
    }

    @Test("next month in UTC", arguments: [
        ("2024-01-31T23:59:59Z", Int64(1_706_745_599_000), Int64(1_706_745_600_000)), // → 2024-02-01
        ("2024-02-15", 1_707_955_200_000, 1_709_251_200_000),                         // leap February → 2024-03-01
        ("2023-12-01", 1_701_388_800_000, 1_704_067_200_000),                         // → 2024-01-01
        ("1970-01-01", 0, 2_678_400_000),
    ])
    func nextMonth(label: String, time: Int64, expected: Int64) {
        #expect(UTCCalendar.startOfNextMonth(after: time) == expected, "\(label)")
    }

    @Test func civilDateRoundTrips() {
        for days in stride(from: Int64(-1000), through: 40_000, by: 7) {
            let (year, month, day) = UTCCalendar.civil(fromDays: days)
            #expect(UTCCalendar.days(fromYear: year, month: month, day: day) == days)
        }
        #expect(UTCCalendar.civil(fromDays: 19_723) == (2024, 1, 1))
    }

    @Test func statsSummaryLine() {
        var stats = BybitClientStats()
        stats.requests = 12
        stats.failedRequests = 1
        stats.retries = 2
        stats.retriesByReason = [.rateLimited: 1, .timeout: 1]
        stats.rateLimitHits = 1
        stats.candles = 12_000
        stats.rangePages = 12
        stats.limiterWait = .milliseconds(1250)
        stats.parseTime = .microseconds(2500)
        #expect(stats.description == "requests 12 (1 failed), retries 2 (rateLimited 1, timeout 1), rate-limit hits 1, bans 0, candles 12000, range pages 12, limiter wait 1.250 s, parse 0.002 s")
    }
}

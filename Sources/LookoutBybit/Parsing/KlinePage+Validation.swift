extension KlinePage {
    /// Start times before this (1973-03-03 in ms) are taken for seconds: Bybit's history
    /// starts in 2018, and a seconds value of today is about 1.7 × 10⁹.
    static var earliestMilliseconds: Int64 { 100_000_000_000 }

    /// The first thing wrong with a page that parsed: a start time in seconds rather than
    /// milliseconds, a start not on the interval's boundary (minute intervals and `D`; `W`
    /// and `M` alignment is not documented), or `result.symbol` naming another symbol than
    /// the one requested. `nil` when the page is sound.
    static func problem(in page: KlinePage<Row>, requestedSymbol: String) -> String? {
        if !requestedSymbol.isEmpty, !page.symbol.isEmpty, page.symbol != requestedSymbol {
            return "result.symbol is \(page.symbol) but \(requestedSymbol) was requested"
        }
        let step: Int64? = switch page.interval {
        case .week, .month: nil
        default: page.interval.milliseconds
        }
        for row in page.rows {
            if row.startTime < earliestMilliseconds {
                return "a start time of \(row.startTime) is before 1973 in milliseconds; it looks like seconds, and Bybit sends milliseconds"
            }
            if let step, row.startTime % step != 0 {
                return "the candle starting at \(row.startTime) (\(BybitTimestamp.format(row.startTime))) is not on a \(page.interval) boundary"
            }
        }
        return nil
    }
}

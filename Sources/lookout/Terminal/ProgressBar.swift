/// One line of progress for a long fetch: a bar, pages done of planned, candles, candles
/// per second and the time left. Pure: ``render(_:)`` is a function of its input, so the
/// reporter can redraw it and tests can check it.
struct ProgressBar {
    /// What the line shows.
    struct State: Equatable {
        var pagesDone: Int
        var pagesPlanned: Int
        var candles: Int
        var elapsed: Duration
    }

    /// Width of the bar between the brackets.
    var width = 24

    /// E.g. `[##########--------------]  12/30 pages  12000 candles  41250 candles/s  ETA 0.4 s`.
    func render(_ state: State) -> String {
        let planned = max(state.pagesPlanned, 1)
        let done = min(state.pagesDone, planned)
        let filled = width * done / planned
        let seconds = Self.seconds(state.elapsed)
        var line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        line += "  \(done)/\(state.pagesPlanned) pages  \(state.candles) candles"
        if seconds > 0 { line += "  \(Int((Double(state.candles) / seconds).rounded())) candles/s" }
        if done > 0, done < planned, seconds > 0 {
            line += "  ETA " + Self.format(seconds * Double(planned - done) / Double(done))
        }
        return line
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) * 1e-18
    }

    /// `85 ms`, `2.4 s`, `12 s`, `3 min 05 s`.
    static func format(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 10 { return "\((seconds * 10).rounded() / 10) s" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        let rest = whole % 60
        return "\(whole / 60) min " + (rest < 10 ? "0" : "") + "\(rest) s"
    }
}

import LookoutBybit

/// Redraws a ``ProgressBar`` on standard error ten times a second while a fetch runs,
/// reading the client's cumulative stats. Only used when standard error is a terminal;
/// ``finish()`` erases the line so the summary starts clean.
final class ProgressReporter: Sendable {
    private let task: Task<Void, Never>

    /// Starts drawing; `stats` is read on every tick.
    init(pagesPlanned: Int, stats: @escaping @Sendable () -> BybitClientStats) {
        task = Task {
            let started = ContinuousClock.now
            let bar = ProgressBar()
            while !Task.isCancelled {
                let current = stats()
                let line = bar.render(ProgressBar.State(pagesDone: current.pages, pagesPlanned: pagesPlanned,
                                                        candles: current.candles, elapsed: started.duration(to: .now)))
                StandardError.write("\r" + line + "\u{1B}[K")
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Stops drawing and clears the line.
    func finish() async {
        task.cancel()
        await task.value
        StandardError.write("\r\u{1B}[K")
    }
}

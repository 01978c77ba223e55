import Lookout
import Synchronization

/// Counts every problem and reports each distinct one once.
final class ProblemLog: Sendable {
    private struct State {
        var seen: Set<MetricsProblem> = []
        var ordered: [MetricsProblem] = []
    }

    private let state = Mutex(State())
    private let counts: CounterFamily
    private let onProblem: (@Sendable (MetricsProblem) -> Void)?

    init(registry: Registry, onProblem: (@Sendable (MetricsProblem) -> Void)?) {
        self.onProblem = onProblem
        let help = "Problems of metrics recorded through swift-metrics, by kind (see LookoutMetrics' MetricsProblem)."
        if let family = try? registry.counterFamily("lookout_metrics_problems_total", help: help, labelNames: ["kind"]) {
            counts = family
        } else {
            // The name is taken by something else: keep counting, unexposed.
            counts = try! Registry().counterFamily("lookout_metrics_problems_total", help: help, labelNames: ["kind"])
        }
    }

    /// Counts `problem`; reports it to the callback the first time it is seen.
    func report(_ problem: MetricsProblem) {
        counts.labels(problem.kind.rawValue).inc()
        let isNew = state.withLock { state in
            guard state.seen.insert(problem).inserted else { return false }
            state.ordered.append(problem)
            return true
        }
        if isNew { onProblem?(problem) }
    }

    /// Every distinct problem, in the order first seen.
    var all: [MetricsProblem] { state.withLock { $0.ordered } }
}

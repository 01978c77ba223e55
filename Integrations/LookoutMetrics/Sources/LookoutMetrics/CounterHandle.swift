import CoreMetrics
import Lookout

/// A swift-metrics counter (integer or floating-point) recording into a Lookout
/// ``Lookout/Counter``.
///
/// `reset()` removes the series and starts a new one from zero, which Prometheus reads as
/// a counter reset (as after a restart). Negative, NaN and infinite increments are
/// ignored and reported as ``MetricsProblem/Kind/invalidValue``.
final class CounterHandle: CounterHandler, FloatingPointCounterHandler, ReleasableHandle {
    private let current: CurrentSeries<Lookout.Counter>

    init(slot: FamilySlot<Lookout.Counter>, values: [String]) {
        current = CurrentSeries(slot: slot, values: values)
    }

    func increment(by amount: Int64) {
        guard amount >= 0 else { return reject(Double(amount)) }
        current.withSeries { $0.inc(by: Int(amount)) }
    }

    func increment(by amount: Double) {
        guard amount >= 0, amount.isFinite else { return reject(amount) }
        current.withSeries { $0.inc(by: amount) }
    }

    func reset() {
        current.restart()
    }

    func release() {
        current.release()
    }

    private func reject(_ amount: Double) {
        current.problems.report(MetricsProblem(kind: .invalidValue, label: current.label,
                                               detail: "counter increment \(amount) ignored: counters only go up by finite amounts"))
    }
}

import CoreMetrics
import Lookout

/// A swift-metrics timer (observed in seconds) or recorder created with
/// `aggregate: true` (observed as given), recording into a Lookout ``Lookout/Histogram``.
///
/// Negative durations are ignored and reported as ``MetricsProblem/Kind/invalidValue``;
/// NaN recordings are ignored by the histogram itself.
final class HistogramHandle: TimerHandler, RecorderHandler, ReleasableHandle {
    private let current: CurrentSeries<Lookout.Histogram>

    init(slot: FamilySlot<Lookout.Histogram>, values: [String]) {
        current = CurrentSeries(slot: slot, values: values)
    }

    func recordNanoseconds(_ duration: Int64) {
        guard duration >= 0 else {
            return current.problems.report(MetricsProblem(kind: .invalidValue, label: current.label,
                                                          detail: "negative duration \(duration) ns ignored"))
        }
        current.withSeries { $0.observe(Double(duration) / 1_000_000_000) }
    }

    func record(_ value: Int64) { current.withSeries { $0.observe(Double(value)) } }
    func record(_ value: Double) { current.withSeries { $0.observe(value) } }

    func release() {
        current.release()
    }
}

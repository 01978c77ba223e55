import CoreMetrics
import Lookout

/// A swift-metrics meter, or recorder created with `aggregate: false`, recording into a
/// Lookout ``Lookout/Gauge``: the last value set (or the running total of increments).
final class GaugeHandle: MeterHandler, RecorderHandler, ReleasableHandle {
    private let current: CurrentSeries<Lookout.Gauge>

    init(slot: FamilySlot<Lookout.Gauge>, values: [String]) {
        current = CurrentSeries(slot: slot, values: values)
    }

    func set(_ value: Int64) { current.withSeries { $0.set(Double(value)) } }
    func set(_ value: Double) { current.withSeries { $0.set(value) } }
    func increment(by amount: Double) { current.withSeries { $0.inc(by: amount) } }
    func decrement(by amount: Double) { current.withSeries { $0.dec(by: amount) } }
    func record(_ value: Int64) { set(value) }
    func record(_ value: Double) { set(value) }

    func release() {
        current.release()
    }
}

import CoreMetrics
import Synchronization

/// A swift-metrics handler that only adds to one word with plain (unlocked) loads and
/// stores, integer for counters and floating-point for meters: the floor under any real
/// backend's pre-created handle, which must at least be dispatched to and update a word
/// in memory. Correct only from one thread at a time,
/// which is how the benchmark calls it.
public final class PlainAddHandler: CounterHandler, MeterHandler {
    private let total = Atomic<UInt64>(0)

    private init() {}

    /// A new handler. It lives in a module of its own, so the benchmark calls it through
    /// swift-metrics' dispatch as it calls a real backend, without inlining its body.
    public static func make() -> PlainAddHandler { PlainAddHandler() }

    public func increment(by amount: Int64) { add(UInt64(bitPattern: amount)) }
    public func reset() { total.store(0, ordering: .relaxed) }
    public func set(_ value: Int64) { total.store(UInt64(bitPattern: value), ordering: .relaxed) }
    public func set(_ value: Double) { total.store(value.bitPattern, ordering: .relaxed) }
    public func increment(by amount: Double) { add(amount) }
    public func decrement(by amount: Double) { add(-amount) }

    @inline(__always)
    private func add(_ amount: UInt64) {
        total.store(total.load(ordering: .relaxed) &+ amount, ordering: .relaxed)
    }

    @inline(__always)
    private func add(_ amount: Double) {
        total.store((Double(bitPattern: total.load(ordering: .relaxed)) + amount).bitPattern, ordering: .relaxed)
    }
}

import Synchronization

/// A value that can go up and down: items in a queue, memory in use, a temperature.
///
/// Thread-safety: safe from any thread, lock-free.
public final class Gauge: Series, @unchecked Sendable {
    // @unchecked Sendable: restated from Series; this class adds only atomics and immutable `let`s.
    @usableFromInline let bits = Atomic<UInt64>(0.0.bitPattern)

    /// Sets the value.
    @inlinable
    public func set(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    /// Sets the value from an integer.
    @inlinable
    public func set(_ value: Int) {
        set(Double(value))
    }

    /// Adds `amount` (which may be negative).
    @inlinable
    public func inc(by amount: Double = 1) {
        _ = atomicAdd(amount, to: bits)
    }

    /// Subtracts `amount`.
    @inlinable
    public func dec(by amount: Double = 1) {
        _ = atomicAdd(-amount, to: bits)
    }

    /// Sets the value to the current wall-clock time in seconds since the Unix epoch
    /// (for "last success" timestamps; alert on `time() - metric`).
    public func setToCurrentTime() {
        set(WallClock.nowSeconds())
    }

    /// The current value.
    public var value: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }

    override func snapshotValue() -> SeriesSnapshot.Value {
        .gauge(value)
    }
}

/// Textual facts as labels on a constant sample of 1: a build's version, a config hash.
///
/// Exposed as `<name>_info` (an OpenMetrics info metric; a gauge in text 0.0.4). Info
/// series have no value to update: create them with the labels you want to expose.
public final class Info: Series, @unchecked Sendable {
    // @unchecked Sendable: restated from Series; this class adds only atomics and immutable `let`s.
    override func snapshotValue() -> SeriesSnapshot.Value {
        .info
    }
}

import Synchronization

/// A reference set at most once, read without locks, retains or calls.
///
/// Synchronization's `AtomicLazyReference` does the same, but its `load()` is not
/// inlinable, so every read was a cross-module call instantiating generic metadata; on
/// a counter increment that cost more than the increment. Reads here are one atomic
/// load, and ``withValue(_:)`` lends the object without retaining it (its reference
/// count is shared by every thread, so retaining it would reintroduce contention).
@usableFromInline
struct LazyReference<Object: AnyObject>: ~Copyable {
    @usableFromInline let storage = Atomic<Unmanaged<Object>?>(nil)

    @usableFromInline
    init() {}

    deinit {
        storage.load(ordering: .acquiring)?.release()
    }

    /// Whether the object has been set.
    @inlinable @inline(__always)
    var isSet: Bool { storage.load(ordering: .relaxed) != nil }

    /// Calls `body` with the object if it is set; the object is not retained.
    @inlinable @inline(__always)
    func withValue<Result>(_ body: (Object) -> Result) -> Result? {
        guard let reference = storage.load(ordering: .acquiring) else { return nil }
        return reference._withUnsafeGuaranteedRef(body)
    }

    /// Sets the object if none is set yet and returns the one that is set.
    @discardableResult
    func storeIfNil(_ make: () -> Object) -> Object {
        if let existing = storage.load(ordering: .acquiring) { return existing.takeUnretainedValue() }
        let candidate = Unmanaged.passRetained(make())
        let (stored, winner) = storage.compareExchange(expected: nil, desired: candidate, ordering: .acquiringAndReleasing)
        if stored { return candidate.takeUnretainedValue() }
        candidate.release()
        return winner!.takeUnretainedValue()
    }
}

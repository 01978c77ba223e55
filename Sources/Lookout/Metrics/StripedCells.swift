import CLookoutThread
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread copies of a metric's atomic words, each on its own cache lines, used once a
/// metric is found to be updated from several threads at once.
///
/// Under contention, every thread adding to one atomic bounces its cache line between
/// cores; giving each thread its own cell (chosen by a per-thread slot number) makes the
/// adds independent, and reads sum the cells. Java's `LongAdder` makes the same trade.
@usableFromInline
struct StripedCells: ~Copyable, @unchecked Sendable {
    // @unchecked Sendable: the cell memory is only accessed through atomics; the pointer,
    // stride and mask are immutable; deinit runs once, when the owner goes away.

    @usableFromInline let base: UnsafeMutablePointer<Atomic<UInt64>>
    /// Words from one cell to the next (a multiple of 8, so cells never share a line).
    @usableFromInline let stride: Int
    @usableFromInline let mask: Int
    /// Words in use per cell.
    let words: Int

    /// Cells per metric: a power of two, at least twice the online CPUs, at most 16.
    static let cellCount: Int = {
        let cpus = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        var count = 2
        while count < 2 * cpus && count < 16 { count *= 2 }
        return count
    }()

    /// Cells of `words` zeroed 64-bit words each.
    init(words: Int) {
        self.words = words
        self.stride = (words + 7) / 8 * 8
        self.mask = Self.cellCount - 1
        let total = stride * Self.cellCount
        let raw = UnsafeMutableRawPointer.allocate(byteCount: total * 8, alignment: 64)
        base = raw.bindMemory(to: Atomic<UInt64>.self, capacity: total)
        for index in 0..<total {
            (base + index).initialize(to: Atomic(0))
        }
    }

    deinit {
        base.deinitialize(count: stride * (mask + 1))
        UnsafeMutableRawPointer(base).deallocate()
    }

    /// The calling thread's cell: `words` atomics starting at the returned pointer.
    @inlinable @inline(__always)
    func cell() -> UnsafeMutablePointer<Atomic<UInt64>> {
        base + (Int(truncatingIfNeeded: CLookoutThread_currentSlot()) & mask) * stride
    }

    /// The sum of word `word` over all cells, as an integer.
    func integerSum(word: Int) -> UInt64 {
        var total: UInt64 = 0
        for cell in 0...mask { total &+= base[cell * stride + word].load(ordering: .relaxed) }
        return total
    }

    /// The sum of word `word` over all cells, each holding a Double's bits.
    func doubleSum(word: Int) -> Double {
        var total = 0.0
        for cell in 0...mask { total += Double(bitPattern: base[cell * stride + word].load(ordering: .relaxed)) }
        return total
    }
}

/// Adds `amount` to a Double stored as bits in `atomic`; returns whether it had to retry
/// (another thread changed the value in between: a sign of contention).
@inlinable @inline(__always)
func atomicAdd(_ amount: Double, to atomic: borrowing Atomic<UInt64>) -> Bool {
    var current = atomic.load(ordering: .relaxed)
    var retried = false
    while true {
        let desired = (Double(bitPattern: current) + amount).bitPattern
        let (exchanged, original) = atomic.weakCompareExchange(expected: current, desired: desired, ordering: .relaxed)
        if exchanged { return retried }
        current = original
        retried = true
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time for timestamps the exposition formats carry (`_created`, exemplars,
/// ``Gauge/setToCurrentTime()``). Durations use `ContinuousClock`, never this.
enum WallClock {
    /// Seconds since the Unix epoch, with nanosecond resolution.
    static func nowSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

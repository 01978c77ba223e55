/// How long every response waits before its headers, on top of any ``Fault/delay(_:)``.
public enum Latency: Sendable, Hashable, CustomStringConvertible {
    /// Answer immediately.
    case none
    /// Wait exactly this long.
    case fixed(Duration)
    /// Wait between `minimum` and `maximum` (uniform), decided by a hash of `seed` and the
    /// request's sequence number, so a replayed request sequence sees the same delays.
    case jittered(minimum: Duration, maximum: Duration, seed: UInt64 = 0)

    /// E.g. `20 ms…80 ms (seed 1)`.
    public var description: String {
        switch self {
        case .none: "none"
        case .fixed(let delay): "\(delay)"
        case .jittered(let minimum, let maximum, let seed): "\(minimum)…\(maximum) (seed \(seed))"
        }
    }

    /// The delay for the request with sequence number `sequence`.
    func delay(sequence: Int64) -> Duration {
        switch self {
        case .none:
            return .zero
        case .fixed(let delay):
            return delay
        case .jittered(let minimum, let maximum, let seed):
            let span = Double(maximum.nanoseconds - minimum.nanoseconds)
            let offset = span * StableHash.unit(StableHash.mix(seed, 0x1A7, sequence))
            return minimum + .nanoseconds(Int64(offset))
        }
    }

    func validate() throws(SimulatorConfigurationError) {
        switch self {
        case .none:
            return
        case .fixed(let delay) where delay >= .zero:
            return
        case .jittered(let minimum, let maximum, _) where minimum >= .zero && maximum >= minimum:
            return
        default:
            throw SimulatorConfigurationError(
                .invalidBehavior, subject: "latency", "\(self) is invalid; delays must be ≥ 0 and maximum ≥ minimum")
        }
    }
}

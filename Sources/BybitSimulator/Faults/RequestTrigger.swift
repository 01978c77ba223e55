/// Which requests something happens to: a fault rule firing, or `X-Bapi-*` headers appearing.
///
/// Triggers are deterministic. Each rule counts the requests that reach it (in arrival
/// order), so `.everyNth(3)` fires on its 3rd, 6th, 9th, … matching request and
/// `.probability(0.1, seed: 7)` fires on the same requests in every run that sends the
/// same sequence.
public enum RequestTrigger: Sendable, Hashable, CustomStringConvertible {
    /// Every matching request.
    case always
    /// The n-th, 2n-th, 3n-th, … matching request (`n ≥ 1`).
    case everyNth(Int)
    /// Each matching request independently with probability `p` in [0, 1], decided by a
    /// hash of `seed` and the request's position, not by a random generator.
    case probability(Double, seed: UInt64 = 0)
    /// The next `n` matching requests, then never again (until the behaviour is replaced).
    case nextRequests(Int)

    /// E.g. `every 3rd request`, `p=0.1 (seed 7)`.
    public var description: String {
        switch self {
        case .always: "every request"
        case .everyNth(let n): "every \(n)th request"
        case .probability(let p, let seed): "p=\(p) (seed \(seed))"
        case .nextRequests(let n): "the next \(n) requests"
        }
    }

    func validate(subject: String) throws(SimulatorConfigurationError) {
        switch self {
        case .always:
            return
        case .everyNth(let n) where n >= 1:
            return
        case .probability(let p, _) where p >= 0 && p <= 1:
            return
        case .nextRequests(let n) where n >= 0:
            return
        default:
            throw SimulatorConfigurationError(
                .invalidBehavior, subject: subject,
                "trigger \(self) is out of range; use everyNth(n ≥ 1), probability(0…1) or nextRequests(n ≥ 0)")
        }
    }
}

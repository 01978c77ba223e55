@testable import LookoutRedis
import Testing

@Suite("Circuit breaker state machine")
struct RedisBreakerStateMachineTests {
    typealias Machine = RedisBreakerStateMachine<ContinuousClock.Instant>

    enum Event {
        case admit(atMilliseconds: Int, expect: Machine.Decision)
        case success
        case failure(atMilliseconds: Int)
        case release
    }

    static let origin = ContinuousClock.now

    static func at(_ milliseconds: Int) -> ContinuousClock.Instant { origin + .milliseconds(milliseconds) }

    /// Each case: events in order, then the state expected after each.
    static let cases: [(String, [(Event, RedisBreakerState)])] = [
        ("stays closed below the threshold", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 1), .closed),
            (.admit(atMilliseconds: 2, expect: .allow), .closed),
        ]),
        ("a success resets the count", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 1), .closed), (.success, .closed),
            (.failure(atMilliseconds: 2), .closed), (.failure(atMilliseconds: 3), .closed), (.admit(atMilliseconds: 4, expect: .allow), .closed),
        ]),
        ("opens at the threshold and rejects with the time left", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 100), .open),
            (.admit(atMilliseconds: 400, expect: .reject(retryAfter: .milliseconds(700))), .open),
        ]),
        ("half-open after the open duration: one probe, others rejected", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .open),
            (.admit(atMilliseconds: 1000, expect: .probe), .halfOpen),
            (.admit(atMilliseconds: 1001, expect: .reject(retryAfter: .zero)), .halfOpen),
        ]),
        ("a successful probe closes it", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .open),
            (.admit(atMilliseconds: 1500, expect: .probe), .halfOpen), (.success, .closed),
            (.admit(atMilliseconds: 1501, expect: .allow), .closed),
        ]),
        ("a failed probe reopens it for another open duration", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .open),
            (.admit(atMilliseconds: 1000, expect: .probe), .halfOpen), (.failure(atMilliseconds: 1200), .open),
            (.admit(atMilliseconds: 2100, expect: .reject(retryAfter: .milliseconds(100))), .open),
            (.admit(atMilliseconds: 2200, expect: .probe), .halfOpen),
        ]),
        ("a probe that told nothing lets the next call probe", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .open),
            (.admit(atMilliseconds: 1000, expect: .probe), .halfOpen), (.release, .halfOpen),
            (.admit(atMilliseconds: 1001, expect: .probe), .halfOpen),
        ]),
        ("late failures while open change nothing", [
            (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .closed), (.failure(atMilliseconds: 0), .open),
            (.failure(atMilliseconds: 900), .open), (.admit(atMilliseconds: 1000, expect: .probe), .halfOpen),
        ]),
    ]

    @Test("transitions", arguments: cases)
    func transitions(name: String, steps: [(Event, RedisBreakerState)]) {
        var machine = Machine(failureThreshold: 3, openDuration: .seconds(1))
        for (index, (event, expected)) in steps.enumerated() {
            switch event {
            case .admit(let milliseconds, let decision):
                #expect(machine.admit(now: Self.at(milliseconds)) == decision, "step \(index) of \(name)")
            case .success: machine.recordSuccess()
            case .failure(let milliseconds): machine.recordFailure(now: Self.at(milliseconds))
            case .release: machine.releaseProbe()
            }
            #expect(machine.publicState == expected, "step \(index) of \(name)")
        }
    }
}

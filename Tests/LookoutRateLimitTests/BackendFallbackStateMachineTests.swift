import Testing
@testable import LookoutRateLimit

@Suite("Backend fallback state machine: fail over, probe, recover")
struct BackendFallbackStateMachineTests {
    enum Step: Sendable {
        case route(at: Int64, expect: BackendFallbackStateMachine.Route)
        case fail(at: Int64, expect: BackendFallbackStateMachine.Transition?)
        case succeed(expect: BackendFallbackStateMachine.Transition?)
    }

    @Test(arguments: [
        // Healthy, then a failure: local for one interval, then one probe while others stay local.
        [Step.route(at: 0, expect: .primary), .fail(at: 10, expect: .enteredFallback),
         .route(at: 11, expect: .fallback), .route(at: 1_000_009, expect: .fallback),
         .route(at: 1_000_010, expect: .probe), .route(at: 1_000_011, expect: .fallback),
         .succeed(expect: .recovered), .route(at: 1_000_012, expect: .primary)],
        // A failed probe starts another interval and reports nothing new.
        [.fail(at: 0, expect: .enteredFallback), .route(at: 1_000_000, expect: .probe),
         .fail(at: 1_000_001, expect: nil), .route(at: 1_500_000, expect: .fallback),
         .route(at: 2_000_001, expect: .probe), .succeed(expect: .recovered)],
        // Concurrent failures while healthy report the change once.
        [.fail(at: 0, expect: .enteredFallback), .fail(at: 1, expect: nil), .succeed(expect: .recovered),
         .succeed(expect: nil)],
        // A probe that never reports back is replaced after ten intervals.
        [.fail(at: 0, expect: .enteredFallback), .route(at: 1_000_000, expect: .probe),
         .route(at: 5_000_000, expect: .fallback), .route(at: 11_000_000, expect: .probe)],
    ] as [[Step]])
    func followsTheTable(steps: [Step]) {
        var machine = BackendFallbackStateMachine(retryInterval: .seconds(1))
        for (index, step) in steps.enumerated() {
            switch step {
            case .route(let at, let expected): #expect(machine.route(at: at) == expected, "step \(index)")
            case .fail(let at, let expected): #expect(machine.failed(at: at) == expected, "step \(index)")
            case .succeed(let expected): #expect(machine.succeeded() == expected, "step \(index)")
            }
        }
        #expect(machine.isInFallback == (machine.state != .primary))
    }
}

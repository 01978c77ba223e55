@testable import LookoutRedis
import Testing

@Suite("Reconnect state machine")
struct RedisReconnectStateMachineTests {
    typealias Machine = RedisReconnectStateMachine<ContinuousClock.Instant>
    static let origin = ContinuousClock.now
    static func at(_ milliseconds: Int) -> ContinuousClock.Instant { origin + .milliseconds(milliseconds) }

    enum Step {
        /// decide(now, waiting, growth, opening) must return the action.
        case decide(Int, waiting: Bool, growth: Bool, opening: Bool, Machine.Action)
        /// An attempt failed (jitter 1 = the full bound).
        case failed(Int)
        /// A connection became ready; whether it counts as a reconnect.
        case connected(reconnect: Bool)
    }

    static let cases: [(String, [Step])] = [
        ("no demand, nothing to do", [
            .decide(0, waiting: false, growth: false, opening: false, .none),
        ]),
        ("a waiting caller opens a connection, once", [
            .decide(0, waiting: true, growth: false, opening: false, .connect),
            .decide(1, waiting: true, growth: false, opening: true, .none),
            .connected(reconnect: false),
        ]),
        ("growth under load opens another even while one is opening", [
            .decide(0, waiting: false, growth: true, opening: true, .connect),
        ]),
        ("failures back off exponentially up to the cap, then a success resets", [
            .failed(0), .decide(10, waiting: true, growth: false, opening: false, .wait(until: at(50))),
            .decide(50, waiting: true, growth: false, opening: false, .connect),
            .failed(50), .decide(60, waiting: true, growth: false, opening: false, .wait(until: at(150))),
            .failed(150), .decide(160, waiting: true, growth: false, opening: false, .wait(until: at(350))),
            .failed(350), .failed(350), .failed(350), .failed(350), .failed(350), .failed(350),
            .decide(400, waiting: true, growth: false, opening: false, .wait(until: at(2350))),
            .connected(reconnect: true),
            .decide(401, waiting: true, growth: false, opening: false, .connect),
        ]),
        ("backoff holds growth too, and nothing without demand", [
            .failed(0), .decide(1, waiting: false, growth: true, opening: false, .wait(until: at(50))),
            .decide(1, waiting: false, growth: false, opening: false, .none),
        ]),
    ]

    @Test("decisions", arguments: cases)
    func decisions(name: String, steps: [Step]) {
        var machine = Machine(backoff: RedisBackoff())
        for (index, step) in steps.enumerated() {
            switch step {
            case .decide(let milliseconds, let waiting, let growth, let opening, let expected):
                #expect(machine.decide(now: Self.at(milliseconds), waiting: waiting, growth: growth, opening: opening) == expected,
                        "step \(index) of \(name)")
            case .failed(let milliseconds):
                machine.failed(now: Self.at(milliseconds), random: 1)
            case .connected(let reconnect):
                #expect(machine.connected() == reconnect, "step \(index) of \(name)")
                #expect(machine.consecutiveFailures == 0)
            }
        }
    }
}

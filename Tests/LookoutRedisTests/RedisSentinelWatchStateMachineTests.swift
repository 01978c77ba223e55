@testable import LookoutRedis
import Testing

@Suite("Sentinel +switch-master watch state machine")
struct RedisSentinelWatchStateMachineTests {
    typealias Machine = RedisSentinelWatchStateMachine<ContinuousClock.Instant>
    static let origin = ContinuousClock.now
    static func at(_ milliseconds: Int) -> ContinuousClock.Instant { origin + .milliseconds(milliseconds) }

    enum Step {
        /// tick(now) must return the action.
        case tick(Int, Machine.Action)
        /// The subscription was confirmed at the instant.
        case subscribed(Int, Machine.Action)
        /// The connection failed at the instant (jitter 1 = the full bound).
        case failed(Int, Machine.Action)
        /// A message on a channel.
        case message(channel: String, payload: String, Machine.Action)
        /// The machine must be in this state.
        case state(Machine.State)
        case stop
    }

    static let newPrimary = RedisEndpoint(host: "127.0.0.1", port: 6380)

    static let cases: [(String, [Step])] = [
        ("starts on the first sentinel, subscribes, asks for a check, then pings every second", [
            .state(.idle),
            .tick(0, .connect(sentinel: 0)),
            .tick(5, .none),
            .subscribed(10, .verify),
            .state(.subscribed(sentinel: 0, nextPing: at(1010))),
            .tick(500, .wait(until: at(1010))),
            .tick(1010, .ping),
            .tick(1011, .wait(until: at(2010))),
        ]),
        ("a switch of the watched master names the new primary", [
            .tick(0, .connect(sentinel: 0)), .subscribed(1, .verify),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1 6380", .switchPrimary(newPrimary)),
        ]),
        ("other masters, other channels and malformed payloads are ignored", [
            .tick(0, .connect(sentinel: 0)), .subscribed(1, .verify),
            .message(channel: "+switch-master", payload: "othermaster 127.0.0.1 6379 127.0.0.1 6380", .none),
            .message(channel: "+sdown", payload: "mymaster 127.0.0.1 6379 127.0.0.1 6380", .none),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1", .none),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1 0", .none),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1 70000", .none),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1 port", .none),
        ]),
        ("messages before the subscription is confirmed are ignored", [
            .tick(0, .connect(sentinel: 0)),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1 6380", .none),
        ]),
        ("failures rotate through the sentinels with growing, capped backoff", [
            .tick(0, .connect(sentinel: 0)),
            .failed(0, .wait(until: at(50))),
            .state(.waiting(until: at(50), sentinel: 1)),
            .tick(10, .wait(until: at(50))),
            .tick(50, .connect(sentinel: 1)),
            .failed(60, .wait(until: at(160))),
            .tick(160, .connect(sentinel: 2)),
            .failed(160, .wait(until: at(360))),
            .tick(360, .connect(sentinel: 0)),
        ]),
        ("a confirmed subscription resets the backoff; a dropped one reconnects to the next sentinel", [
            .tick(0, .connect(sentinel: 0)), .failed(0, .wait(until: at(50))),
            .tick(50, .connect(sentinel: 1)), .subscribed(55, .verify),
            .failed(100, .wait(until: at(150))),
            .tick(150, .connect(sentinel: 2)), .subscribed(151, .verify),
        ]),
        ("stopped: no more connections, failures or switches", [
            .tick(0, .connect(sentinel: 0)), .subscribed(1, .verify), .stop,
            .tick(5000, .none),
            .failed(5000, .none),
            .message(channel: "+switch-master", payload: "mymaster 127.0.0.1 6379 127.0.0.1 6380", .none),
            .state(.stopped),
        ]),
        ("a late confirmation or failure outside its phase changes nothing", [
            .subscribed(0, .none),
            .failed(0, .none),
            .state(.idle),
        ]),
    ]

    @Test("transitions", arguments: cases)
    func transitions(name: String, steps: [Step]) {
        var machine = Machine(masterName: "mymaster", sentinelCount: 3, backoff: RedisBackoff(), pingInterval: .seconds(1))
        for (index, step) in steps.enumerated() {
            switch step {
            case .tick(let milliseconds, let expected):
                #expect(machine.tick(now: Self.at(milliseconds)) == expected, "step \(index) of \(name)")
            case .subscribed(let milliseconds, let expected):
                #expect(machine.subscribed(now: Self.at(milliseconds)) == expected, "step \(index) of \(name)")
            case .failed(let milliseconds, let expected):
                #expect(machine.failed(now: Self.at(milliseconds), random: 1) == expected, "step \(index) of \(name)")
            case .message(let channel, let payload, let expected):
                #expect(machine.received(channel: channel, payload: payload) == expected, "step \(index) of \(name)")
            case .state(let expected):
                #expect(machine.state == expected, "step \(index) of \(name)")
            case .stop:
                machine.stop()
            }
        }
    }

    @Test("one sentinel: every retry goes back to it")
    func singleSentinel() {
        var machine = Machine(masterName: "m", sentinelCount: 1, backoff: RedisBackoff(), pingInterval: .seconds(1))
        #expect(machine.tick(now: Self.at(0)) == .connect(sentinel: 0))
        #expect(machine.failed(now: Self.at(0), random: 0) == .wait(until: Self.at(0)))
        #expect(machine.tick(now: Self.at(0)) == .connect(sentinel: 0))
        #expect(machine.consecutiveFailures == 1)
    }
}

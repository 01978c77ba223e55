import Testing
@testable import LookoutHTTP

/// Response deliveries through ``ConnectionStateMachine``: a strategy's steps become
/// write, timer and finish actions; its ending settles the connection.
@Suite("Connection delivery actions")
struct ConnectionDeliveryTests {
    typealias Machine = ConnectionStateMachine
    private func at(_ nanoseconds: UInt64) -> MonotonicInstant { MonotonicInstant(nanoseconds: nanoseconds) }

    private func processing(keepAlive: Bool = true) -> Machine {
        var machine = Machine(timeouts: ConnectionLifecycleTests.timeouts, now: at(0))
        _ = machine.nextInputStep(now: at(1), inputBuffered: 10, outputPending: 0)
        _ = machine.parsedHead(now: at(1), hasBody: false, keepAlive: keepAlive, expectsContinue: false, inputBuffered: 0)
        return machine
    }

    /// Runs a delivery, answering each timer at its deadline; returns every action.
    private func run(_ steps: [HTTPDeliveryStep], bodyCount: Int = 10, keepAlive: Bool = true,
                     machine: inout Machine) -> [Machine.Action]
    {
        var actions = [machine.startDelivery(ScriptedDelivery(steps: steps), bodyCount: bodyCount, keepAlive: keepAlive, now: at(100))]
        var now: UInt64 = 100
        while actions.count < 50 {
            switch actions.last! {
            case .armTimer(let deadline):
                now = deadline.nanoseconds
                actions.append(machine.timerFired(now: at(now)))
            case .writeHead, .writeBody:
                #expect(machine.phase == .processing, "the request stays in flight")
                actions.append(machine.wroteDeliveryStep(now: at(now)))
            default:
                return actions
            }
        }
        return actions
    }

    @Test func pausesBecomeTimersAndBodySlicesAreClamped() {
        var machine = processing()
        let actions = run([.pause(.nanoseconds(50)), .head, .body(through: 4), .pause(.nanoseconds(7)), .body(through: 99),
                           .finish(.keepAliveIfAllowed)], machine: &machine)
        #expect(actions == [.armTimer(at(150)), .writeHead(close: false), .writeBody(0..<4), .armTimer(at(157)),
                            .writeBody(4..<10), .finishDelivery(bodyBytes: 10)])
        #expect(machine.phase == .awaitingRequest(first: false))
        let result1 = machine.settle(now: at(160), outputPending: 0)
        #expect(result1 == .none)
    }

    @Test("how a delivery ends", arguments: [
        // (ending, request keep-alive, expected head close flag, expected phase after, expected settle)
        (HTTPDeliveryEnding.keepAliveIfAllowed, true, false, Machine.Phase.awaitingRequest(first: false), Machine.Action.none),
        (.keepAliveIfAllowed, false, true, .closing, .shutdownWrite),
        (.close, true, false, .closing, .shutdownWrite),
        (.reset, true, false, .closing, .awaitAcknowledgement),
    ])
    func endings(ending: HTTPDeliveryEnding, keepAlive: Bool, headCloses: Bool, phase: Machine.Phase, settle: Machine.Action) {
        var machine = processing()
        let actions = run([.head, .body(through: 3), .finish(ending)], keepAlive: keepAlive, machine: &machine)
        #expect(actions == [.writeHead(close: headCloses), .writeBody(0..<3), .finishDelivery(bodyBytes: 3)])
        #expect(machine.phase == phase)
        let result2 = machine.settle(now: at(200), outputPending: 0)
        #expect(result2 == settle)
    }

    @Test func aConnectionThatMustCloseAnnouncesItInTheHead() {
        var machine = processing(keepAlive: false)
        #expect(run([.head, .finish(.keepAliveIfAllowed)], machine: &machine) == [.writeHead(close: true), .finishDelivery(bodyBytes: 0)])
    }

    @Test func zeroPausesAndRepeatedOrEmptyStepsProceedAtOnce() {
        var machine = processing()
        let actions = run([.pause(.zero), .pause(.seconds(-1)), .body(through: 5), .head, .head, .body(through: 0),
                           .body(through: 2), .finish(.keepAliveIfAllowed)], machine: &machine)
        #expect(actions == [.writeHead(close: false), .writeBody(0..<2), .finishDelivery(bodyBytes: 2)],
                "body before the head, a second head and empty slices write nothing")
    }

    @Test func aStrategyThatNeverProgressesIsEndedWithAClose() {
        var machine = processing()
        let stuck = [HTTPDeliveryStep](repeating: .pause(.zero), count: 200)
        #expect(run(stuck, machine: &machine) == [.finishDelivery(bodyBytes: 0)])
        #expect(machine.phase == .closing)
    }

    @Test func aDeliveryKeepsTheRequestInFlightAndPipelinedInputWaiting() {
        var machine = processing()
        let result3 = machine.startDelivery(ScriptedDelivery(steps: [.pause(.nanoseconds(10))]), bodyCount: 0, keepAlive: true, now: at(5))
        #expect(result3
            == .armTimer(at(15)))
        #expect(!machine.awaitsResponse, "an async handler's late response cannot interleave")
        let result4 = machine.nextInputStep(now: at(6), inputBuffered: 50, outputPending: 0)
        #expect(result4 == .none)
        #expect(machine.tick(now: at(1_000_000)) == .none, "no read timeout while delivering")
        let result5 = machine.closed()
        #expect(result5)
        let result6 = machine.timerFired(now: at(15))
        #expect(result6 == .none, "a closed connection's timer does nothing")
    }
}

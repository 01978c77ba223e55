import Testing
@testable import LookoutHTTP

/// The whole connection lifecycle through ``ConnectionStateMachine``'s events and actions,
/// with manual instants: reading, parsing, dispatching, writing, half-closed clients,
/// draining, lingering, timeouts, deliveries and aborts. No sockets, no sleeping.
@Suite("Connection lifecycle actions")
struct ConnectionLifecycleTests {
    typealias Machine = ConnectionStateMachine
    static let timeouts = ConnectionStateMachine.Timeouts(header: 10, body: 30, idle: 60, write: 20, linger: 5)

    static func at(_ nanoseconds: UInt64) -> MonotonicInstant { MonotonicInstant(nanoseconds: nanoseconds) }
    private func at(_ nanoseconds: UInt64) -> MonotonicInstant { Self.at(nanoseconds) }

    /// A machine that has parsed a bodiless request and is running its handler.
    private func processing(keepAlive: Bool = true) -> Machine {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        let result1 = machine.nextInputStep(now: at(1), inputBuffered: 10, outputPending: 0)
        #expect(result1 == .parseHead)
        let result2 = machine.parsedHead(now: at(1), hasBody: false, keepAlive: keepAlive, expectsContinue: false, inputBuffered: 0)
        #expect(result2 == .dispatch)
        return machine
    }

    // MARK: Reading and parsing

    @Test func readsSmallChunksForHeadsLargeOnesForBodiesAndDiscardsWhileLingering() {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        #expect(machine.readable() == .read(minimumSpace: Machine.readChunk, discard: false))
        _ = machine.nextInputStep(now: at(1), inputBuffered: 5, outputPending: 0)
        _ = machine.parsedHead(now: at(1), hasBody: true, keepAlive: true, expectsContinue: false, inputBuffered: 0)
        #expect(machine.readable() == .read(minimumSpace: Machine.bodyReadChunk, discard: false))
        machine.startedLingering(now: at(2))
        #expect(machine.readable() == .read(minimumSpace: Machine.readChunk, discard: true))
    }

    @Test("which input step comes next", arguments: [
        // (buffered input, pending output, expected step)
        (0, 0, Machine.Action.none),
        (1, 0, .parseHead),
        (1, Machine.outputHighWater - 1, .parseHead),
        (1, Machine.outputHighWater, .none),
    ])
    func nextInputStepWhileAwaiting(input: Int, output: Int, expected: Machine.Action) {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        let result3 = machine.nextInputStep(now: at(1), inputBuffered: input, outputPending: output)
        #expect(result3 == expected)
        #expect(machine.phase == (expected == .parseHead ? .readingHead : .awaitingRequest(first: true)))
        #expect(machine.stalledOnOutput == (output >= Machine.outputHighWater && input > 0))
    }

    @Test func aStalledConnectionStopsReadingAndResumesOnceOutputDrains() {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        let result4 = machine.nextInputStep(now: at(1), inputBuffered: 1, outputPending: Machine.outputHighWater)
        #expect(result4 == .none)
        #expect(machine.interest(inputBuffered: 1, outputPending: Machine.outputHighWater) == .init(readable: false, writable: true))
        let result5 = machine.flushed(outputPending: Machine.outputHighWater)
        #expect(result5 == .none, "still above the mark")
        let result6 = machine.flushed(outputPending: 10)
        #expect(result6 == .processInput)
        let result7 = machine.flushed(outputPending: 10)
        #expect(result7 == .none, "resumed once")
        #expect(machine.interest(inputBuffered: 1, outputPending: 10) == .init(readable: true, writable: true))
    }

    @Test func aHeadStillArrivingIsReadPastThePipelinedInputMark() {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        #expect(machine.interest(inputBuffered: Machine.inputHighWater, outputPending: 0) == .init(readable: false, writable: false),
                "input waiting for a request is pipelined input: held at the mark")
        let step = machine.nextInputStep(now: at(1), inputBuffered: Machine.inputHighWater + 1, outputPending: 0)
        #expect(step == .parseHead)
        #expect(machine.phase == .readingHead)
        #expect(machine.interest(inputBuffered: Machine.inputHighWater + 1, outputPending: 0) == .init(readable: true, writable: false),
                "the parser's limits, not the mark, bound a head")
    }

    @Test("a parsed head leads to", arguments: [
        // (has body, expects 100-continue, buffered input, expected action, expected phase)
        (false, false, 0, Machine.Action.dispatch, Machine.Phase.processing),
        (false, true, 0, .dispatch, .processing),
        (true, false, 0, .none, .readingBody),
        (true, true, 0, .sendContinue, .readingBody),
        (true, true, 7, .none, .readingBody),
    ])
    func parsedHead(hasBody: Bool, expectsContinue: Bool, input: Int, action: Machine.Action, phase: Machine.Phase) {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        _ = machine.nextInputStep(now: at(1), inputBuffered: 1, outputPending: 0)
        let result8 = machine.parsedHead(now: at(2), hasBody: hasBody, keepAlive: true, expectsContinue: expectsContinue, inputBuffered: input)
        #expect(result8 == action)
        #expect(machine.phase == phase)
        #expect(machine.readDeadline == (hasBody ? at(32) : nil))
        if hasBody {
            let result9 = machine.nextInputStep(now: at(3), inputBuffered: 0, outputPending: 0)
            #expect(result9 == .readBody)
            let result10 = machine.completedBody()
            #expect(result10 == .dispatch)
            #expect(machine.phase == .processing)
        }
        let result11 = machine.nextInputStep(now: at(4), inputBuffered: 100, outputPending: 0)
        #expect(result11 == .none, "pipelined requests wait")
        #expect(machine.awaitsResponse)
    }

    // MARK: Responding, keep-alive, closing

    @Test func aKeptConnectionWaitsForTheNextRequestOnTheIdleClock() {
        var machine = processing()
        let result12 = machine.queuedResponse(now: at(10), keepAlive: true)
        #expect(result12)
        let result13 = machine.settle(now: at(10), outputPending: 50)
        #expect(result13 == .none)
        #expect(machine.interest(inputBuffered: 0, outputPending: 50) == .init(readable: true, writable: true))
        machine.outputProgressed(now: at(12), pending: false)
        let result14 = machine.settle(now: at(12), outputPending: 0)
        #expect(result14 == .none)
        #expect(machine.tick(now: at(71)) == .none)
        #expect(machine.tick(now: at(72)) == .close(.idle))
    }

    @Test func aClosingResponseShutsTheWriteSideThenLingers() {
        var machine = processing(keepAlive: false)
        let result15 = machine.queuedResponse(now: at(10), keepAlive: true)
        #expect(!result15)
        #expect(machine.phase == .closing)
        let result16 = machine.nextInputStep(now: at(10), inputBuffered: 40, outputPending: 0)
        #expect(result16 == .none)
        #expect(machine.interest(inputBuffered: 0, outputPending: 10) == .init(readable: false, writable: true))
        let result17 = machine.settle(now: at(11), outputPending: 10)
        #expect(result17 == .none)
        let result18 = machine.settle(now: at(12), outputPending: 0)
        #expect(result18 == .shutdownWrite)
        #expect(machine.phase == .lingering)
        #expect(machine.interest(inputBuffered: 0, outputPending: 0) == .init(readable: true, writable: false))
        let result19 = machine.settle(now: at(13), outputPending: 0)
        #expect(result19 == .none, "lingering is entered once")
        #expect(machine.tick(now: at(16)) == .none)
        #expect(machine.tick(now: at(17)) == .close(nil))
    }

    @Test("a half-closed client", arguments: [
        // (phase reached before end of file, expected action on settle)
        ("awaiting", Machine.Action.close(nil)),
        ("readingHead", .close(nil)),
        ("processing", .none),
        ("closing", .close(nil)),
    ])
    func halfClosedClient(stage: String, expected: Machine.Action) {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        switch stage {
        case "readingHead": _ = machine.nextInputStep(now: at(1), inputBuffered: 3, outputPending: 0)
        case "processing": machine = processing()
        case "closing":
            machine = processing()
            _ = machine.queuedResponse(now: at(2), keepAlive: false)
        default: break
        }
        machine.inputEnded()
        let result20 = machine.settle(now: at(3), outputPending: 0)
        #expect(result20 == expected)
        #expect(!machine.interest(inputBuffered: 0, outputPending: 0).readable)
        if stage == "processing" {
            // The handler's response may still be read; then the connection closes.
            _ = machine.queuedResponse(now: at(4), keepAlive: true)
            let result21 = machine.settle(now: at(5), outputPending: 8)
            #expect(result21 == .none)
            let result22 = machine.settle(now: at(6), outputPending: 0)
            #expect(result22 == .close(nil))
        }
    }

    // MARK: Timeouts

    @Test("timeouts by phase", arguments: [
        // (stage, instant, expected action)
        ("new", 9, Machine.Action.none),
        ("new", 10, .close(.header)),
        ("head", 10, .respondTimeout(.header)),
        ("body", 31, .none),
        ("body", 32, .respondTimeout(.body)),
        ("processing", 1_000_000, .none),
        ("blocked", 21, .none),
        ("blocked", 22, .close(.write)),
    ] as [(String, UInt64, Machine.Action)])
    func timeouts(stage: String, instant: UInt64, expected: Machine.Action) {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        switch stage {
        case "head": _ = machine.nextInputStep(now: at(1), inputBuffered: 3, outputPending: 0)
        case "body":
            _ = machine.nextInputStep(now: at(1), inputBuffered: 3, outputPending: 0)
            _ = machine.parsedHead(now: at(2), hasBody: true, keepAlive: true, expectsContinue: false, inputBuffered: 0)
        case "processing": machine = processing()
        case "blocked":
            machine = processing()
            _ = machine.queuedResponse(now: at(2), keepAlive: true)
            machine.outputBlocked(now: at(2))
        default: break
        }
        #expect(machine.tick(now: at(instant)) == expected)
    }

    // MARK: Draining and closing

    @Test("draining", arguments: [
        // (stage, pending output, expected action)
        ("idle", 0, Machine.Action.close(nil)),
        ("idle", 10, .none),
        ("processing", 0, .none),
    ])
    func draining(stage: String, output: Int, expected: Machine.Action) {
        var machine = stage == "idle" ? Machine(timeouts: Self.timeouts, now: at(0)) : processing()
        let result23 = machine.drain(outputPending: output)
        #expect(result23 == expected)
        #expect(!machine.keepAlive)
        if stage == "idle", output > 0 {
            #expect(machine.closeAfterOutput)
            let result24 = machine.settle(now: at(1), outputPending: 0)
            #expect(result24 == .shutdownWrite)
        }
        if stage == "processing" {
            let result25 = machine.queuedResponse(now: at(1), keepAlive: true)
            #expect(!result25, "the response after draining closes")
        }
    }

    @Test func aClosedMachineIgnoresEveryEvent() {
        var machine = processing()
        let result26 = machine.socketFailed()
        #expect(result26 == .close(nil))
        let result27 = machine.closed()
        #expect(result27)
        let result28 = machine.closed()
        #expect(!result28, "closing twice is a no-op")
        let result29 = machine.socketFailed()
        #expect(result29 == .none)
        let result30 = machine.nextInputStep(now: at(1), inputBuffered: 9, outputPending: 0)
        #expect(result30 == .none)
        let result31 = machine.settle(now: at(1), outputPending: 0)
        #expect(result31 == .none)
        #expect(machine.tick(now: at(1_000_000)) == .none)
        let result32 = machine.timerFired(now: at(2))
        #expect(result32 == .none)
        #expect(!machine.awaitsResponse)
    }

    // MARK: Bad input

    /// A request the parser rejects is answered, then the connection closes after the
    /// answer: pipelined input is dropped and the write side shut before lingering.
    @Test("a rejected request closes after its answer", arguments: [
        "malformed request line", "header too large", "bad chunked body", "body too large",
    ])
    func rejectedRequest(_ reason: String) {
        var machine = Machine(timeouts: Self.timeouts, now: at(0))
        let result33 = machine.nextInputStep(now: at(1), inputBuffered: 30, outputPending: 0)
        #expect(result33 == .parseHead)
        if reason.contains("body") {
            _ = machine.parsedHead(now: at(2), hasBody: true, keepAlive: true, expectsContinue: false, inputBuffered: 30)
            let result34 = machine.nextInputStep(now: at(2), inputBuffered: 30, outputPending: 0)
            #expect(result34 == .readBody)
        }
        // The connection answers 4xx: the response is queued with keep-alive off.
        let result35 = machine.queuedResponse(now: at(3), keepAlive: false)
        #expect(!result35)
        let result36 = machine.nextInputStep(now: at(3), inputBuffered: 30, outputPending: 100)
        #expect(result36 == .none)
        let result37 = machine.settle(now: at(4), outputPending: 0)
        #expect(result37 == .shutdownWrite)
        #expect(machine.tick(now: at(9)) == .close(nil))
    }

    // MARK: Aborts

    @Test("an abort waits for acknowledgement", arguments: [
        // (now, unacknowledged bytes, timer armed, expected)
        (5, 100, false, ConnectionStateMachine.Action.armTimer(MonotonicInstant(nanoseconds: 5 + ConnectionStateMachine.acknowledgementPoll))),
        (5, 100, true, .none),
        (5, 0, false, .reset),
        (21, 100, false, .reset),
    ] as [(UInt64, Int, Bool, Machine.Action)])
    func abortWaitsForAcknowledgement(now: UInt64, unacknowledged: Int, armed: Bool, expected: Machine.Action) {
        var machine = processing()
        let strategy = ScriptedDelivery(steps: [.head, .finish(.reset)])
        let result38 = machine.startDelivery(strategy, bodyCount: 0, keepAlive: true, now: at(1))
        #expect(result38 == .writeHead(close: false))
        let result39 = machine.wroteDeliveryStep(now: at(1))
        #expect(result39 == .finishDelivery(bodyBytes: 0))
        let result40 = machine.settle(now: at(2), outputPending: 10)
        #expect(result40 == .none)
        let result41 = machine.settle(now: at(3), outputPending: 0)
        #expect(result41 == .awaitAcknowledgement)
        #expect(machine.acknowledgementChecked(now: at(now), unacknowledged: unacknowledged, timerArmed: armed) == expected)
    }
}

/// A delivery strategy that plays a fixed list of steps, one per step taken.
struct ScriptedDelivery: HTTPResponseDeliveryStrategy {
    var steps: [HTTPDeliveryStep]
    var isImmediate: Bool { false }
    var closesConnection: Bool { false }
    func step(after progress: HTTPDeliveryProgress) -> HTTPDeliveryStep {
        progress.stepsTaken < steps.count ? steps[progress.stepsTaken] : .finish(.keepAliveIfAllowed)
    }
}

import Testing
@testable import LookoutHTTP

/// The connection state machine driven by a manual clock: no sockets, no sleeping.
@Suite("Connection state machine")
struct ConnectionStateMachineTests {
    private let timeouts = ConnectionStateMachine.Timeouts(header: 10, body: 30, idle: 60, write: 20, linger: 5)

    private func at(_ nanoseconds: UInt64) -> MonotonicInstant { MonotonicInstant(nanoseconds: nanoseconds) }

    @Test func aSilentNewConnectionHitsTheHeaderTimeoutQuietly() {
        let machine = ConnectionStateMachine(timeouts: timeouts, now: at(100))
        #expect(machine.expiredTimeout(at: at(109)) == nil)
        #expect(machine.expiredTimeout(at: at(110)) == .close(.header))
    }

    @Test func theHeaderTimeoutCoversTheWholeHeadNotEachByte() {
        var machine = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        machine.receivedBytes(now: at(5))
        machine.receivedBytes(now: at(9))
        #expect(machine.phase == .readingHead)
        #expect(machine.expiredTimeout(at: at(10)) == .respondAndClose(.header))
    }

    @Test func bodyThenProcessingThenIdle() {
        var machine = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        machine.receivedBytes(now: at(1))
        machine.receivedHead(now: at(2), hasBody: true, keepAlive: true)
        #expect(machine.expiredTimeout(at: at(31)) == nil)
        #expect(machine.expiredTimeout(at: at(32)) == .respondAndClose(.body))
        machine.receivedBody()
        #expect(machine.phase == .processing)
        #expect(machine.expiredTimeout(at: at(10_000)) == nil, "handlers are not timed out")
        let staysOpen = machine.queuedResponse(now: at(100), keepAlive: true)
        #expect(staysOpen)
        #expect(machine.phase == .awaitingRequest(first: false))
        #expect(machine.expiredTimeout(at: at(159)) == nil)
        #expect(machine.expiredTimeout(at: at(160)) == .close(.idle))
        // The next request's head gets a fresh header timeout from its first byte.
        machine.receivedBytes(now: at(150))
        #expect(machine.expiredTimeout(at: at(159)) == nil)
        #expect(machine.expiredTimeout(at: at(160)) == .respondAndClose(.header))
    }

    @Test func writeTimeoutRestartsOnProgressAndPausesTheIdleClock() {
        var machine = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        machine.receivedHead(now: at(1), hasBody: false, keepAlive: true)
        let staysOpen = machine.queuedResponse(now: at(2), keepAlive: true)
        #expect(staysOpen)
        machine.outputBlocked(now: at(2))
        machine.outputBlocked(now: at(15))
        #expect(machine.expiredTimeout(at: at(21)) == nil)
        machine.outputProgressed(now: at(21), pending: true)
        machine.outputProgressed(now: at(50), pending: true)
        #expect(machine.expiredTimeout(at: at(65)) == nil, "idle does not fire while output is pending")
        #expect(machine.expiredTimeout(at: at(70)) == .close(.write))
        machine.outputProgressed(now: at(69), pending: false)
        #expect(machine.writeDeadline == nil)
        #expect(machine.expiredTimeout(at: at(128)) == nil)
        #expect(machine.expiredTimeout(at: at(129)) == .close(.idle))
    }

    @Test func closeRequestsAndDraining() {
        var machine = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        machine.receivedHead(now: at(1), hasBody: false, keepAlive: false)
        let staysOpen = machine.queuedResponse(now: at(2), keepAlive: true)
        #expect(!staysOpen, "the request said close")

        var draining = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        let closesNow = draining.beginDraining(outputPending: false)
        #expect(closesNow, "an idle connection closes at once")
        var busy = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        busy.receivedHead(now: at(1), hasBody: false, keepAlive: true)
        let busyClosesNow = busy.beginDraining(outputPending: false)
        #expect(!busyClosesNow)
        let busyStaysOpen = busy.queuedResponse(now: at(2), keepAlive: true)
        #expect(!busyStaysOpen, "the response after draining closes")
    }

    @Test func lingeringEndsQuietly() {
        var machine = ConnectionStateMachine(timeouts: timeouts, now: at(0))
        machine.startedLingering(now: at(3))
        #expect(machine.expiredTimeout(at: at(7)) == nil)
        #expect(machine.expiredTimeout(at: at(8)) == .close(nil))
    }
}

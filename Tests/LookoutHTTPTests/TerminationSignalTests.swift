import Glibc
import Testing
@testable import LookoutHTTP

@Suite("Termination signals")
struct TerminationSignalTests {
    @Test func deliversSIGTERMInsteadOfTerminating() async {
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        async let received = TerminationSignal.wait(for: [.terminate], onReady: { readyContinuation.yield() })
        for await _ in ready { break }
        kill(getpid(), SIGTERM)
        #expect(await received == .terminate)
        #expect(TerminationSignal.terminate.number == SIGTERM)
        #expect(TerminationSignal.interrupt.rawValue == "SIGINT")
    }
}

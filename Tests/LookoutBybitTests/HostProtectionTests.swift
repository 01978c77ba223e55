@testable import LookoutBybit
import LookoutRateLimit
import LookoutTesting
import Testing

@Suite struct HostProtectionTests {
    typealias Instant = ManualClock.Instant
    func at(_ seconds: Int) -> Instant { Instant(offset: .seconds(seconds)) }

    @Test func banFailsFastUntilTheCooldownEnds() {
        var host = HostProtection<Instant>()
        #expect(host.admission(at: at(0)) == .proceed)
        #expect(host.forbidden(at: at(10), cooldown: .seconds(600)) == .banStarted(until: at(610)))
        #expect(host.admission(at: at(11)) == .banned(until: at(610)))
        #expect(host.admission(at: at(609)) == .banned(until: at(610)))
        #expect(host.admission(at: at(610)) == .proceed)
        #expect(host.state == .open)
    }

    @Test func laterForbiddenAnswersExtendTheBan() {
        var host = HostProtection<Instant>()
        _ = host.forbidden(at: at(0), cooldown: .seconds(600))
        #expect(host.forbidden(at: at(5), cooldown: .seconds(600)) == .banExtended(until: at(605)))
        #expect(host.forbidden(at: at(5), cooldown: .seconds(60)) == .unchanged)
        #expect(host.admission(at: at(604)) == .banned(until: at(605)))
    }

    @Test func rateLimitPausesWaitInsteadOfFailing() {
        var host = HostProtection<Instant>()
        #expect(host.rateLimited(at: at(0), pause: .seconds(2)) == .pauseStarted(until: at(2)))
        #expect(host.admission(at: at(1)) == .wait(until: at(2)))
        #expect(host.rateLimited(at: at(1), pause: .seconds(3)) == .pauseExtended(until: at(4)))
        #expect(host.rateLimited(at: at(1), pause: .seconds(1)) == .unchanged)
        #expect(host.admission(at: at(4)) == .proceed)
    }

    @Test func aBanOutranksAPause() {
        var host = HostProtection<Instant>()
        _ = host.rateLimited(at: at(0), pause: .seconds(5))
        #expect(host.forbidden(at: at(1), cooldown: .seconds(600)) == .banStarted(until: at(601)))
        #expect(host.rateLimited(at: at(2), pause: .seconds(5)) == .unchanged)
        #expect(host.admission(at: at(3)) == .banned(until: at(601)))
    }
}

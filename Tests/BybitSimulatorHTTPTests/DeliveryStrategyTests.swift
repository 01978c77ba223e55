@testable import BybitSimulatorHTTP
@testable import LookoutHTTP
import Testing

/// The simulator's fault plans as delivery strategies: the whole step sequence each plan
/// yields, played against progress the way the server's connection advances it.
@Suite("HTTPResponseDelivery as a delivery strategy")
struct DeliveryStrategyTests {
    /// Every step `plan` yields for a body of `bodyCount` bytes, up to its finish.
    static func steps(_ plan: HTTPResponseDelivery, bodyCount: Int) -> [HTTPDeliveryStep] {
        var progress = HTTPDeliveryProgress(bodyCount: bodyCount)
        var steps: [HTTPDeliveryStep] = []
        while steps.count < 100 {
            let step = plan.step(after: progress)
            steps.append(step)
            progress.stepsTaken += 1
            progress.lastStepWasPause = false
            switch step {
            case .pause: progress.lastStepWasPause = true
            case .head: progress.headWritten = true
            case .body(let offset): progress.bodySent = min(offset, bodyCount)
            case .finish: return steps
            }
        }
        return steps
    }

    @Test("plans and their steps", arguments: [
        (HTTPResponseDelivery.normal, 10, [HTTPDeliveryStep.head, .body(through: 10), .finish(.keepAliveIfAllowed)]),
        (HTTPResponseDelivery(delayBeforeHead: .milliseconds(5)), 3,
         [.pause(.milliseconds(5)), .head, .body(through: 3), .finish(.keepAliveIfAllowed)]),
        (HTTPResponseDelivery(trickle: .init(chunkBytes: 4, pause: .milliseconds(2))), 10,
         [.head, .body(through: 4), .pause(.milliseconds(2)), .body(through: 8), .pause(.milliseconds(2)), .body(through: 10),
          .finish(.keepAliveIfAllowed)]),
        (HTTPResponseDelivery(trickle: .init(chunkBytes: 0, pause: .zero)), 2,
         [.head, .body(through: 1), .body(through: 2), .finish(.keepAliveIfAllowed)]),
        (HTTPResponseDelivery(truncateAfterBodyBytes: 4), 10, [.head, .body(through: 4), .finish(.close)]),
        (HTTPResponseDelivery(truncateAfterBodyBytes: 40), 10, [.head, .body(through: 10), .finish(.keepAliveIfAllowed)]),
        (HTTPResponseDelivery(delayBeforeHead: .milliseconds(1), reset: .beforeHead), 10, [.pause(.milliseconds(1)), .finish(.reset)]),
        (HTTPResponseDelivery(reset: .afterBodyBytes(3)), 10, [.head, .body(through: 3), .finish(.reset)]),
        (HTTPResponseDelivery(reset: .afterBodyBytes(0)), 10, [.head, .finish(.reset)]),
        (HTTPResponseDelivery(reset: .afterBodyBytes(5)), 0, [.head, .finish(.reset)]),
        (HTTPResponseDelivery(delayBeforeHead: .milliseconds(-1), truncateAfterBodyBytes: 2), 0, [.head, .finish(.keepAliveIfAllowed)]),
    ] as [(HTTPResponseDelivery, Int, [HTTPDeliveryStep])])
    func planSteps(plan: HTTPResponseDelivery, bodyCount: Int, expected: [HTTPDeliveryStep]) {
        #expect(Self.steps(plan, bodyCount: bodyCount) == expected)
    }

    @Test func closeConnectionIsImmediateAndClosesAndNormalIsNoStrategy() {
        let closing = HTTPResponseDelivery(closeConnection: true)
        #expect(closing.isImmediate && closing.closesConnection)
        var response = HTTPResponse.text("x")
        #expect(response.deliveryStrategy == nil)
        response.delivery = closing
        #expect(response.delivery == closing)
        #expect(response.deliveryStrategy != nil)
        response.delivery = .normal
        #expect(response.deliveryStrategy == nil, "the normal plan is no strategy at all")
    }
}

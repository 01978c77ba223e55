import BybitSimulator
import LookoutBybit
import LookoutRateLimit
import Synchronization
import Testing

/// The exchange's push-back reaches a server's adaptive limits: a 10006 answer and a new
/// IP ban each report pressure to the configured ``AdaptiveController``.
@Suite struct UpstreamPressureTests {
    @Test func a10006AnswerLowersTheAdaptiveShare() async throws {
        let sources = Mutex<[AdaptiveController.PressureSource]>([])
        let controller = AdaptiveController { source, _ in sources.withLock { $0.append(source) } }
        try await withExchange { exchange in
            try exchange.inject("10006@next:1")
            let client = try exchange.client(upstreamPressure: controller)
            _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1)
        }
        #expect(sources.withLock { $0 } == [.upstreamRateLimited])
        #expect(controller.share < 1)
    }

    @Test func aBanLowersTheAdaptiveShareOnce() async throws {
        let sources = Mutex<[AdaptiveController.PressureSource]>([])
        let controller = AdaptiveController { source, _ in sources.withLock { $0.append(source) } }
        // One request per window; the second is banned (HTTP 403), later ones fail fast.
        let behavior = SimulatorBehavior(ipRateLimit: IPRateLimit(limit: 1, window: .seconds(5), banDuration: .seconds(60)))
        try await withExchange(behavior) { exchange in
            let client = try exchange.client(upstreamPressure: controller)
            _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1)
            for _ in 0..<3 {
                await #expect(throws: BybitError.self) { _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1) }
            }
            #expect(exchange.requests == 2, "after the ban, calls fail fast without reaching the exchange")
        }
        #expect(sources.withLock { $0 } == [.upstreamBanned], "one ban, one signal")
        #expect(controller.share < 1)
    }
}

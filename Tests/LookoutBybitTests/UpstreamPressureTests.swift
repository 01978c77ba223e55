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
        try await withExchange { exchange in
            try exchange.inject("http:403@always")
            let client = try exchange.client(upstreamPressure: controller)
            for _ in 0..<3 {
                await #expect(throws: BybitError.self) { _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1) }
            }
        }
        #expect(sources.withLock { $0 } == [.upstreamBanned], "later calls fail fast during the ban and report nothing more")
        #expect(controller.share < 1)
    }
}

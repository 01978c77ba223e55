import BybitSimulator
import Foundation
import LookoutBybit
import LookoutCache

/// Candles for tests: from the simulator (answered in-process, no HTTP) and from the
/// recorded Bybit samples of the Bybit tests' fixtures.
enum CandleData {
    static let january2024: Int64 = 1_704_067_200_000
    static let simulator: BybitSimulator = try! BybitSimulator()

    /// Up to 1,000 candles from `start`, decoded exactly as the client decodes a response.
    static func simulated(_ symbol: String, category: String = "linear", interval: KlineInterval, start: Int64, limit: Int = 1000) throws -> [Kline] {
        let length = interval.milliseconds!
        let end = start + Int64(limit - 1) * length
        let response = simulator.respond(to: SimulatorRequest(
            path: "/v5/market/kline",
            query: "category=\(category)&symbol=\(symbol)&interval=\(interval)&start=\(start)&end=\(end)&limit=\(limit)"))
        return try KlinePage.decode(response.body, interval: interval, symbol: symbol).rows
    }

    static let samplesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LookoutBybitTests/Fixtures/samples")

    /// A recorded kline body, decoded.
    static func recorded(_ name: String, interval: KlineInterval) throws -> [Kline] {
        let body = Array(try Data(contentsOf: samplesDirectory.appendingPathComponent(name)))
        return try KlinePage.decode(body, interval: interval).rows
    }

    /// A chunk of `capacity` slots holding `rows` (whose first row decides the chunk).
    static func chunk(_ rows: [Kline], interval: KlineInterval, capacity: Int) -> CandleChunk {
        let span = Int64(capacity) * interval.milliseconds!
        let start = (rows.first?.startTime ?? 0) / span * span
        return CandleChunk(start: start, interval: interval, capacity: capacity, rows: rows.filter { $0.startTime < start + span })
    }

    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }
}

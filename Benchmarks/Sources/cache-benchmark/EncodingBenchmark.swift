import BybitSimulator
import Foundation
import LookoutBybit
import LookoutCache
import LookoutZlib

/// Stored size and encode/decode time of 1,000-candle chunks (1m, 15m, D) against the raw
/// JSON of the same candles and against zlib-compressed JSON (the seed system's way).
enum EncodingBenchmark {
    static let january2025: Int64 = 1_735_689_600_000

    /// Returns whether the size and decode targets were met.
    static func run(iterations: Int) throws -> Bool {
        let simulator = try BybitSimulator()
        report("\nchunk encoding: 1,000 BTCUSDT candles per chunk (simulator data)")
        report(Timing.pad("interval", 9) + Timing.pad("JSON", 9) + Timing.pad("zlib-JSON", 16) + Timing.pad("chunk", 16)
              + Timing.pad("encode p50", 12) + Timing.pad("decode p50", 12) + Timing.pad("zlib chunk", 16) + Timing.pad("its decode", 12) + Timing.pad("JSON parse p50", 16) + "zlib-JSON inflate+parse p50")
        var met = true
        for interval in [KlineInterval.oneMinute, .fifteenMinutes, .day] {
            let span = 1000 * interval.milliseconds!
            let start = january2025 / span * span - 2 * span
            let response = simulator.respond(to: SimulatorRequest(
                path: "/v5/market/kline",
                query: "category=linear&symbol=BTCUSDT&interval=\(interval)&start=\(start)&end=\(start + span - interval.milliseconds!)&limit=1000"))
            let json = response.body
            let rows = try KlinePage<Kline>.decode(json, interval: interval).rows
            let chunk = CandleChunk(start: start, interval: interval, capacity: 1000, rows: rows)
            let zlibJSON = try Zlib.compress(json, format: .zlib, level: .default)
            let stored = try CandleChunkCodec.encode(chunk)
            // The default codec (no zlib since format 2) and zlib beside it.
            let zlibbed = try CandleChunkCodec.encode(chunk, compression: .zlib(.default))
            let zlibDecode = try Timing.measure(iterations: iterations) {
                _ = try CandleChunkCodec.decode(zlibbed, start: start, interval: interval, capacity: 1000)
            }
            let encode = try Timing.measure(iterations: iterations) { _ = try CandleChunkCodec.encode(chunk) }
            let decode = try Timing.measure(iterations: iterations) {
                _ = try CandleChunkCodec.decode(stored, start: start, interval: interval, capacity: 1000)
            }
            let parse = try Timing.measure(iterations: iterations) { _ = try KlinePage<Kline>.decode(json, interval: interval) }
            let inflateParse = try Timing.measure(iterations: iterations) {
                _ = try KlinePage<Kline>.decode(try Zlib.decompress(zlibJSON, format: .zlib), interval: interval)
            }
            let decoded = try CandleChunkCodec.decode(stored, start: start, interval: interval, capacity: 1000)
            let closes = rows.map { $0.close.description }
            let decodedZlib = try CandleChunkCodec.decode(zlibbed, start: start, interval: interval, capacity: 1000)
            guard decoded == chunk, decoded.rows.map({ $0.close.description }) == closes, decodedZlib == chunk else {
                report("  ROUND TRIP FAILED for \(interval)")
                return false
            }
            func share(_ bytes: Int) -> String { String(format: "%d (%.1f%%)", bytes, 100 * Double(bytes) / Double(json.count)) }
            report(Timing.pad(interval.rawValue, 9) + Timing.pad("\(json.count)", 9) + Timing.pad(share(zlibJSON.count), 16) + Timing.pad(share(stored.count), 16)
                  + Timing.pad(String(format: "%.1f µs", encode.p50), 12) + Timing.pad(String(format: "%.1f µs", decode.p50), 12)
                  + Timing.pad(share(zlibbed.count), 16) + Timing.pad(String(format: "%.1f µs", zlibDecode.p50), 12)
                  + Timing.pad(String(format: "%.1f µs", parse.p50), 16) + String(format: "%.1f µs", inflateParse.p50))
            met = met && stored.count * 5 <= json.count && decode.p50 <= 50
        }
        report("targets: chunk <= 20% of the JSON, decode <= 50 µs (default codec): \(met ? "ok" : "MISSED")")
        return met
    }
}

import Foundation
import Testing
import LookoutBybit
import LookoutCache
import TestSupport

/// Replays the committed corpora (Fuzz/Corpus/<target>: seeds, plus findings saved by
/// scripts/fuzz) through the same checks the libFuzzer targets run, so every `swift test`
/// keeps them passing and the corpora meaningful.
@Suite("Fuzz corpus replay (accept, bybit, cache-codec, serve-config, promql)")
struct FuzzCorpusReplayTests {
    static func corpus(_ target: FuzzTarget) -> URL {
        RepositoryPaths.root().appendingPathComponent("Fuzz/Corpus/\(target.rawValue)")
    }

    static func inputs(_ target: FuzzTarget) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus(target).path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("every target has a committed corpus", arguments: FuzzTarget.allCases)
    func corpusIsNotEmpty(target: FuzzTarget) {
        #expect(Self.inputs(target).count >= 3, "expected seed inputs in \(Self.corpus(target).path)")
    }

    @Test("every committed input keeps its target's invariants", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        for name in Self.inputs(target) {
            let data = try Data(contentsOf: Self.corpus(target).appendingPathComponent(name))
            let problems = target.check(Array(data))
            #expect(problems.isEmpty, "\(target.rawValue)/\(name): \(problems.joined(separator: "; "))")
        }
    }

    /// The stored chunk seeds are real values, so fuzzing starts inside the payload decoder.
    @Test func storedChunkSeedsDecode() throws {
        let names = Self.inputs(.cacheCodec).filter { $0.hasPrefix("seed-stored") || $0.hasPrefix("seed-zlib") || $0.hasPrefix("seed-empty") }
        #expect(names.count == 3)
        for name in names {
            let data = try Data(contentsOf: Self.corpus(.cacheCodec).appendingPathComponent(name))
            let value = Array(data.dropFirst())
            let start = value[8..<16].reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
            let interval = KlineInterval.allCases[Int(value[7])]
            let capacity = Int(value[18]) | Int(value[19]) << 8
            #expect(throws: Never.self, "\(name)") { try CandleChunkCodec.decode(value, start: start, interval: interval, capacity: capacity) }
        }
    }

    /// The invariants must be able to fail: an input built to break each one is caught.
    @Test func theChecksCanFail() {
        // A chunk value whose payload the decoder cannot read: rejected, not a finding.
        #expect(FuzzTarget.cacheCodec.check([1] + Array("LKCC".utf8) + [UInt8](repeating: 0xFF, count: 40)).isEmpty)
        // Two decodings of one chunk that differ are reported.
        let price = ExactDecimal(significand: 170_555, scale: 1)!
        let chunk = CandleChunk(start: 0, interval: .oneMinute, capacity: 2, rows: [
            Kline(startTime: 0, open: price, high: price, low: price, close: price, volume: ExactDecimal(3), turnover: ExactDecimal(51_166))])
        var other = chunk
        other.rows[0].isClosed.toggle()
        #expect(CacheCodecFuzzCheck.difference(chunk, chunk) == nil)
        #expect(CacheCodecFuzzCheck.difference(chunk, other) != nil)
    }
}

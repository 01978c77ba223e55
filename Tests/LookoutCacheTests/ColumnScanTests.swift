import Lookout
@testable import LookoutCache
import Testing

/// The word-at-a-time column scan of the chunk decoder agrees with the byte-by-byte one
/// whenever it answers, including around 9-byte values and over-long runs.
@Suite struct ColumnScanTests {
    @Test func quickScanAgreesWithTheCarefulOne() {
        var generator = SplitMix64(seed: 0x5EED)
        var answered = 0
        for round in 0..<3000 {
            let count = Int(generator.next() % 40)
            var bytes: [UInt8] = []
            // Mostly short varints, sometimes long or over-long runs, sometimes cut short.
            for _ in 0..<(6 * count + Int(generator.next() % 3)) {
                let kind = generator.next() % 80
                let length = kind == 0 ? 9 + Int(generator.next() % 14) : 1 + Int(generator.next() % 3)
                for _ in 0..<(length - 1) { bytes.append(0x80 | UInt8(truncatingIfNeeded: generator.next())) }
                bytes.append(UInt8(truncatingIfNeeded: generator.next()) & 0x7F)
            }
            if round % 7 == 0, !bytes.isEmpty { bytes.removeLast(Int(generator.next() % UInt64(min(bytes.count, 12))) + 1) }
            bytes.withUnsafeBufferPointer { buffer in
                var reader = ByteReader(buffer)
                let careful = Result { () throws(ChunkDecodingFailure) in
                    (try ChunkPayloadDecoder.columnStartsCarefully(&reader, count: count), reader.offset)
                }
                guard let quick = ChunkPayloadDecoder.columnStartsQuickly(buffer, from: 0, count: count) else { return }
                answered += 1
                guard case .success(let (starts, end)) = careful else {
                    Issue.record("round \(round): the quick scan answered where the careful one failed")
                    return
                }
                #expect(quick.starts == starts, "round \(round)")
                #expect(quick.end == end, "round \(round)")
            }
        }
        // Both paths are exercised: the quick scan answers often and declines often.
        #expect(answered > 500)
        #expect(answered < 2900)
    }
}

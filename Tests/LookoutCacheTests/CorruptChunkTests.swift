import LookoutBybit
@testable import LookoutCache
import Testing

/// Whatever sits under a chunk key, decoding returns the chunk or a typed failure: never
/// a crash, never different candles.
@Suite struct CorruptChunkTests {
    static let start = CandleData.january2024 / 60_000_000 * 60_000_000

    static func encoded() throws -> (CandleChunk, [UInt8]) {
        let rows = try CandleData.simulated("ETHUSDT", interval: .oneMinute, start: start)
        let chunk = CandleChunk(start: start, interval: .oneMinute, capacity: 1000, rows: rows)
        return (chunk, try CandleChunkCodec.encode(chunk))
    }

    func decode(_ bytes: [UInt8], start: Int64 = start, interval: KlineInterval = .oneMinute, capacity: Int = 1000) -> Result<CandleChunk, ChunkDecodingFailure> {
        Result { () throws(ChunkDecodingFailure) in try CandleChunkCodec.decode(bytes, start: start, interval: interval, capacity: capacity) }
    }

    @Test func foreignValuesAreMisses() {
        for value in ["", "x", "{\"json\":true}", "LKC", String(repeating: "\u{0}", count: 40)] {
            #expect(throws: ChunkDecodingFailure.self) { try decode(Array(value.utf8)).get() }
        }
        #expect(decode(Array("{\"list\":[]}".utf8)) == .failure(.foreign))
    }

    @Test func everyTruncationIsAMiss() throws {
        let (_, bytes) = try Self.encoded()
        for length in 0..<bytes.count {
            guard case .failure = decode(Array(bytes.prefix(length))) else {
                Issue.record("a value truncated to \(length) of \(bytes.count) bytes decoded")
                return
            }
        }
    }

    @Test func everySingleByteFlipIsAMissOrTheSameChunk() throws {
        let (chunk, bytes) = try Self.encoded()
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0x5A
            if case .success(let decoded) = decode(damaged) {
                #expect(decoded == chunk, "flipping byte \(index) produced different candles")
            }
        }
    }

    @Test func otherVersionsCodecsAndKeysAreMisses() throws {
        let (_, bytes) = try Self.encoded()
        var version = bytes
        version[4] = 2
        #expect(decode(version) == .failure(.unsupportedVersion(2)))
        var codec = bytes
        codec[5] = 9
        #expect(decode(codec) == .failure(.unsupportedCodec(9)))
        #expect(decode(bytes, start: Self.start + 60_000_000) == .failure(.wrongChunk))
        #expect(decode(bytes, interval: .threeMinutes) == .failure(.wrongChunk))
        #expect(decode(bytes, capacity: 500) == .failure(.wrongChunk))
    }

    /// Random garbage behind a valid header (checksum recomputed) still never crashes.
    @Test func garbagePayloadsWithValidChecksumsAreMisses() throws {
        let (_, bytes) = try Self.encoded()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var value = Array(bytes.prefix(CandleChunkCodec.headerSize))
            let payload = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            value[5] = UInt8(round % 2)  // stored and "zlib"
            value.replaceSubrange(20..<24, with: withUnsafeBytes(of: UInt32(payload.count).littleEndian, Array.init))
            value.replaceSubrange(24..<28, with: withUnsafeBytes(of: Checksum.fnv1a(payload).littleEndian, Array.init))
            value += payload
            _ = decode(value)
        }
    }
}

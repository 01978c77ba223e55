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
        version[4] = 3
        #expect(decode(version) == .failure(.unsupportedVersion(3)))
        version[4] = 0
        #expect(decode(version) == .failure(.unsupportedVersion(0)))
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
            value.replaceSubrange(24..<28, with: withUnsafeBytes(of: Checksum.words(payload).littleEndian, Array.init))
            value += payload
            _ = decode(value)
        }
    }

    /// A version 1 value (FNV-1a checksum, same payload layout) written before the
    /// checksum changed still decodes to the same candles, zlib or not; with a damaged
    /// checksum it is a miss.
    @Test(arguments: [CandleChunkCodec.Compression.none, .zlib(.default)])
    func versionOneValuesStillDecode(compression: CandleChunkCodec.Compression) throws {
        let (chunk, _) = try Self.encoded()
        var value = try CandleChunkCodec.encode(chunk, compression: compression)
        #expect(value[4] == 2)
        value[4] = 1
        let payload = Array(value[CandleChunkCodec.headerSize...])
        value.replaceSubrange(24..<28, with: withUnsafeBytes(of: Checksum.fnv1a(payload).littleEndian, Array.init))
        #expect(decode(value) == .success(chunk))
        value[24] ^= 1
        #expect(decode(value) == .failure(.checksumMismatch))
    }

    /// Any change of one 4-byte group of a payload changes the version 2 checksum (each
    /// lane step is a bijection), however many bytes of the group change.
    @Test func wordChecksumCatchesEveryChangeOfOneGroup() throws {
        let (_, bytes) = try Self.encoded()
        let payload = Array(bytes[CandleChunkCodec.headerSize...])
        let original = Checksum.words(payload)
        var generator = SystemRandomNumberGenerator()
        for group in stride(from: 0, to: payload.count, by: 4) {
            var damaged = payload
            for offset in group..<min(group + 4, payload.count) where Bool.random(using: &generator) || offset == group {
                damaged[offset] ^= UInt8.random(in: 1...255, using: &generator)
            }
            #expect(Checksum.words(damaged) != original, "a change in bytes \(group)..<\(group + 4) kept the checksum")
        }
        #expect(Checksum.words(Array(payload.dropLast())) != original)
    }
}

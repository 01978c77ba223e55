import LookoutZlib
import Testing

@Suite struct ZlibTests {
    static let sample: [UInt8] = Array(String(repeating: "http_requests_total{method=\"GET\",status=\"200\"} 1027\n", count: 2_000).utf8)

    @Test(arguments: [ZlibFormat.gzip, .zlib, .raw])
    func roundTripsEveryFormat(format: ZlibFormat) throws {
        let compressed = try Zlib.compress(Self.sample, format: format)
        #expect(compressed.count < Self.sample.count / 10)
        #expect(try Zlib.decompress(compressed, format: format) == Self.sample)
    }

    @Test func gzipHasTheRFC1952Header() throws {
        let compressed = try Zlib.compress(Array("hello".utf8), format: .gzip)
        #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 0x08])
    }

    @Test func aReusedDeflaterProducesIndependentStreams() throws {
        var deflater = try Deflater(format: .gzip, level: .fastest)
        let first = Self.sample.withUnsafeBytes { try? deflater.compress($0) }
        let second = Array("second body".utf8).withUnsafeBytes { try? deflater.compress($0) }
        #expect(try Zlib.decompress(try #require(first)) == Self.sample)
        #expect(try Zlib.decompress(try #require(second)) == Array("second body".utf8))
    }

    @Test func emptyInputRoundTrips() throws {
        #expect(try Zlib.decompress(try Zlib.compress([])) == [])
    }

    @Test func corruptInputIsATypedError() throws {
        var compressed = try Zlib.compress(Self.sample)
        compressed[20] ^= 0xFF
        compressed[21] ^= 0xFF
        #expect {
            try Zlib.decompress(compressed)
        } throws: { error in
            (error as? ZlibError)?.code == .corruptInput
        }
    }

    @Test func truncatedInputIsATypedError() throws {
        let compressed = try Zlib.compress(Self.sample)
        #expect {
            try Zlib.decompress(Array(compressed.prefix(compressed.count / 2)))
        } throws: { error in
            (error as? ZlibError)?.code == .truncatedInput
        }
    }

    @Test func outputLimitStopsDecompressionBombs() throws {
        let bomb = try Zlib.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(bomb.count < 4_096)
        #expect {
            try Zlib.decompress(bomb, maxOutputBytes: 64 * 1024)
        } throws: { error in
            (error as? ZlibError)?.code == .outputLimit
        }
    }
}

/// The libFuzzer targets `make fuzz` runs (besides the HTTP parser, which
/// scripts/fuzz-http-parser builds on its own), and the invariant each one checks.
///
/// One function per target turns the fuzzer's bytes into an input and returns the
/// invariants the input broke (empty when it broke none). The fuzz binary (Fuzz/Package.swift)
/// turns a non-empty answer into a crash, which libFuzzer saves; FuzzCorpusReplayTests
/// replays the committed corpora (Fuzz/Corpus/<target>) through the same functions on every
/// `swift test`. Pure and thread-safe: no I/O, no clock.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `Accept` and `Accept-Encoding` negotiation for /metrics (Lookout's ContentNegotiation).
    case accept
    /// Bybit's v5 JSON bodies through every LookoutBybit parser.
    case bybit
    /// The candle cache's chunk codec (LookoutCache's CandleChunkCodec).
    case cacheCodec = "cache-codec"
    /// The `lookout serve` config file, resolved as `--config` would.
    case serveConfig = "serve-config"
    /// The PromQL parser and type checker the catalog generator validates expressions with.
    case promql

    /// Runs the target on `data`; the broken invariants, each one readable line.
    func check(_ data: [UInt8]) -> [String] {
        switch self {
        case .accept: AcceptFuzzCheck.check(data)
        case .bybit: BybitFuzzCheck.check(data)
        case .cacheCodec: CacheCodecFuzzCheck.check(data)
        case .serveConfig: ServeConfigFuzzCheck.check(data)
        case .promql: PromQLFuzzCheck.check(data)
        }
    }
}

/// Reads the fuzzer's bytes front to back as small numbers, then yields what is left;
/// reading past the end gives zeros, so every input is usable.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T {
        var value: T = 0
        for _ in 0..<(T.bitWidth / 8) { value = value << 8 | T(truncatingIfNeeded: byte()) }
        return value
    }

    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return offset < bytes.count ? Array(bytes[offset...]) : []
    }
}

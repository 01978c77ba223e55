import Testing
@testable import LookoutHTTP

/// Replays every input the fuzzer saved (crashes, timeouts and hand-picked regressions)
/// through the parser: each must produce requests or a typed error, and the same result
/// whether fed at once or in pieces.
@Suite("Fuzz corpus replay")
struct FuzzReplayTests {
    static let directory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures/fuzz"
    }()

    static var inputs: [String] { FixtureFiles.list(directory) }

    /// The same limits scripts/fuzz-http-parser uses.
    static let limits = HTTPRequestLimits(maxRequestLineLength: 256, maxHeaderSize: 512, maxHeaderCount: 8, maxBodySize: 1024)

    @Test func theCorpusIsNotEmpty() {
        #expect(!Self.inputs.isEmpty, "expected fixtures in \(Self.directory)")
    }

    @Test("replays saved fuzz inputs", arguments: inputs)
    func replay(name: String) throws {
        let bytes = try FixtureFiles.read(Self.directory + "/" + name)
        let whole = parse(bytes, limits: Self.limits)
        #expect(!whole.isEmpty)
        for feed in 1...7 {
            #expect(RequestStreamParser.agree(whole, parse(bytes, limits: Self.limits, feedSize: feed)), "feed size \(feed)")
        }
    }
}

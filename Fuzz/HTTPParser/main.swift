// libFuzzer entry point for the LookoutHTTP request parser. scripts/fuzz-http-parser
// compiles this file together with Sources/LookoutHTTP/Parser/*.swift only, so the
// parser must stay free of socket, clock and Foundation code.

/// Small limits, so that short inputs reach every limit check.
private let fuzzLimits = HTTPRequestLimits(
    maxRequestLineLength: 256, maxHeaderSize: 512, maxHeaderCount: 8, maxBodySize: 1024)

/// Parses `data` at once and in pieces; a crash, a sanitizer report or a disagreement
/// between the two is a finding, which libFuzzer saves as a `crash-*` file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let whole = RequestStreamParser.parse(input, limits: fuzzLimits)
    let feedSize = size == 0 ? 1 : Int(input[0] % 7) + 1
    let pieces = RequestStreamParser.parse(input, limits: fuzzLimits, feedSize: feedSize)
    if !RequestStreamParser.agree(whole, pieces) {
        fatalError("one-shot and incremental parsing disagree: \(whole) vs \(pieces)")
    }
    return 0
}

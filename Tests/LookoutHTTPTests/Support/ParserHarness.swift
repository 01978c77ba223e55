@testable import LookoutHTTP

/// Parses `text` as a whole stream with `limits` and returns the outcomes.
func parse(_ text: String, limits: HTTPRequestLimits = HTTPRequestLimits(), feedSize: Int? = nil) -> [RequestStreamParser.Outcome] {
    parse(Array(text.utf8), limits: limits, feedSize: feedSize)
}

/// Parses `bytes` as a whole stream with `limits` and returns the outcomes.
func parse(_ bytes: [UInt8], limits: HTTPRequestLimits = HTTPRequestLimits(), feedSize: Int? = nil) -> [RequestStreamParser.Outcome] {
    bytes.withUnsafeBytes { RequestStreamParser.parse($0, limits: limits, feedSize: feedSize) }
}

/// Parses exactly one complete head from `text`, throwing the parser's error.
func parseHead(_ text: String, limits: HTTPRequestLimits = HTTPRequestLimits()) throws(HTTPParseError) -> ParsedRequestHead? {
    var parser = HTTPRequestParser(limits: limits)
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { buffer in
        Result { () throws(HTTPParseError) in try parser.parseHead(buffer) }
    }.get()
}

/// The error code of the first failure in `outcomes`, if any.
func failureCode(_ outcomes: [RequestStreamParser.Outcome]) -> HTTPParseError.Code? {
    for case .failed(let error) in outcomes { return error.code }
    return nil
}

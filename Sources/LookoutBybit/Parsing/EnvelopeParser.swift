/// The fields every Bybit V5 response shares, with the endpoint-specific `result`.
struct BybitEnvelope<Result> {
    /// 0 on success.
    var retCode: Int
    /// `OK`, `success`, `SUCCESS`, `""` on success (never checked); the reason otherwise.
    var retMsg: String
    /// Server time in ms since the epoch, when present.
    var time: Int64?
    /// The parsed `result`, or `nil` when it was `null` or absent.
    var result: Result?
}

/// Reads the envelope `{"retCode":…,"retMsg":…,"result":…,"retExtInfo":…,"time":…}` in any
/// key order, delegating `result` to an endpoint parser. Non-JSON bodies (HTML error pages,
/// empty or truncated bodies) fail with a message that shows what arrived.
enum EnvelopeParser {
    static func parse<Result>(
        _ body: UnsafeBufferPointer<UInt8>,
        result parseResult: (inout JSONScanner) throws(ParseFailure) -> Result
    ) throws(ParseFailure) -> BybitEnvelope<Result> {
        var scanner = JSONScanner(body)
        guard let first = scanner.peek() else {
            throw ParseFailure(message: body.isEmpty ? "the body is empty" : "the body is only whitespace")
        }
        guard first == UInt8(ascii: "{") else {
            let kind = first == UInt8(ascii: "<") ? "an HTML/XML page" : "not a JSON object"
            throw ParseFailure(message: "the body is \(kind), not Bybit JSON: \(snippet(body))")
        }
        var retCode: Int64?
        var retMsg = ""
        var time: Int64?
        var result: Result?
        try scanner.expect(UInt8(ascii: "{"), in: "response")
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let (key, _) = try scanner.readRawString(in: "response key")
                try scanner.expect(UInt8(ascii: ":"), in: "response")
                if scanner.matches(key, "retCode") {
                    retCode = try scanner.readInteger(in: "retCode")
                } else if scanner.matches(key, "retMsg") {
                    retMsg = scanner.consumeNull() ? "" : try scanner.readString(in: "retMsg")
                } else if scanner.matches(key, "time") {
                    time = scanner.consumeNull() ? nil : try scanner.readInteger(in: "time")
                } else if scanner.matches(key, "result") {
                    result = scanner.consumeNull() ? nil : try parseResult(&scanner)
                } else {
                    try scanner.skipValue(in: "response")
                }
            } while try scanner.commaOrEnd(UInt8(ascii: "}"), in: "response")
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw ParseFailure(message: "unexpected data after the JSON object at byte \(scanner.index): \(snippet(UnsafeBufferPointer(rebasing: body[scanner.index...])))")
        }
        guard let retCode else { throw ParseFailure(message: "the response has no retCode: \(snippet(body))") }
        guard let code = Int(exactly: retCode) else { throw ParseFailure(message: "retCode \(retCode) is out of range") }
        return BybitEnvelope(retCode: code, retMsg: retMsg, time: time, result: result)
    }

    /// The first 160 bytes of `body`, printable ASCII only, for error messages.
    static func snippet(_ body: UnsafeBufferPointer<UInt8>) -> String {
        let limit = 160
        var text = ""
        for byte in body.prefix(limit) {
            text.append(byte >= 0x20 && byte < 0x7F ? Character(Unicode.Scalar(byte)) : " ")
        }
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return "\"" + collapsed + (body.count > limit ? "…\" (\(body.count) bytes)" : "\"")
    }
}

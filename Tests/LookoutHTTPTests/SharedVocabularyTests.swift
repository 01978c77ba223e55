import LookoutHTTP
import Testing

/// The shared HTTP vocabulary: the one JSON string and integer encoder, and header fields
/// as both the server and the curl client use them.
@Suite("LookoutHTTPTypes")
struct SharedVocabularyTests {
    @Test("JSON strings", arguments: [
        ("plain", #""plain""#, #""plain""#),
        ("quote \" and \\", #""quote \" and \\""#, #""quote \" and \\""#),
        ("\u{08}\u{0C}\n\r\t", #""\b\f\n\r\t""#, #""\b\f\n\r\t""#),
        ("\u{00}\u{1F}", #""\u0000\u001f""#, #""\u0000\u001f""#),
        ("del \u{7F}", "\"del \u{7F}\"", #""del \u007f""#),
        ("é ✓ 🙂", "\"é ✓ 🙂\"", "\"é ✓ 🙂\""),
    ])
    func strings(text: String, expected: String, escapingDelete: String) {
        #expect(JSONString.quoted(text) == expected)
        #expect(JSONString.quoted(text, escapingDelete: true) == escapingDelete)
        var bytes = Array("x".utf8)
        JSONString.append(text, to: &bytes)
        #expect(bytes == Array(("x" + expected).utf8))
    }

    @Test("JSON integers", arguments: [
        (0, "0"), (7, "7"), (-42, "-42"), (1_670_608_800_000, "1670608800000"),
        (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ])
    func integers(value: Int, expected: String) {
        var bytes: [UInt8] = []
        JSONNumber.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func headerFieldsAreOrderedMultiValuedAndCaseInsensitiveUnderEitherSpelling() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add("x-a", "2")
        headers.add(name: "X-a", value: "3")
        #expect(headers.values(for: "X-A") == ["1", "2", "3"])
        #expect(headers[1] == HTTPHeaders.Field(name: "X-A", value: "1"))
        headers.set(name: "x-A", value: "4")
        headers.remove(name: "content-TYPE")
        #expect(headers.description == "x-A: 4")
        #expect(headers.count == 1 && headers.contains("X-A"))
    }

    @Test func problemDetailsEncodeWithTheSharedEncoder() {
        let problem = ProblemDetails(status: .badRequest, detail: "tab\there", extensions: ["z": "\u{01}", "a": "1"])
        #expect(String(decoding: problem.json, as: UTF8.self)
            == #"{"type":"about:blank","title":"Bad Request","status":400,"detail":"tab\there","a":"1","z":"\u0001"}"#)
    }
}

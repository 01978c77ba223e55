@testable import LookoutCurl
import Testing

@Suite struct CurlHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: CurlHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add(name: "x-a", value: "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["X-A"] == "1")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        #expect(headers["missing"] == nil)
        headers.set(name: "X-A", value: "3")
        #expect(headers.values(for: "x-a") == ["3"])
        headers.remove(name: "CONTENT-TYPE")
        #expect(headers.map(\.name) == ["X-A"])
    }

    @Test("raw header lines", arguments: [
        ("Content-Type: application/json\r\n", "Content-Type", "application/json"),
        ("X-Empty:\r\n", "X-Empty", ""),
        ("X-Spaces:   padded value \t\r\n", "X-Spaces", "padded value"),
        ("X-Colon: a:b:c\r\n", "X-Colon", "a:b:c"),
    ])
    func parsesLines(line: String, name: String, value: String) {
        let field = Array(line.utf8).withUnsafeBufferPointer { CurlHeaders.parseLine($0) }
        #expect(field == CurlHeaders.Field(name: name, value: value))
    }

    @Test("lines that are not fields", arguments: ["\r\n", "HTTP/1.1 200 OK\r\n", ": no name\r\n"])
    func ignoresNonFields(line: String) {
        #expect(Array(line.utf8).withUnsafeBufferPointer { CurlHeaders.parseLine($0) } == nil)
    }
}

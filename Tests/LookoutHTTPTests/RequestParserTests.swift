import Testing
@testable import LookoutHTTP

@Suite("Request parser")
struct RequestParserTests {
    @Test func parsesASimpleGet() throws {
        let head = try #require(try parseHead("GET /api/v1/klines/BTCUSDT?limit=5&interval=1 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"))
        #expect(head.request.method == .get)
        #expect(head.request.version == .http1_1)
        #expect(head.request.target == "/api/v1/klines/BTCUSDT?limit=5&interval=1")
        #expect(head.request.path == "/api/v1/klines/BTCUSDT")
        #expect(head.request.pathSegments == ["api", "v1", "klines", "BTCUSDT"])
        #expect(head.request.query.items == [.init(name: "limit", value: "5"), .init(name: "interval", value: "1")])
        #expect(head.request.headers.fields == [.init(name: "Host", value: "x"), .init(name: "Accept", value: "*/*")])
        #expect(head.framing == .none)
        #expect(head.keepAlive)
        #expect(!head.expectsContinue)
        #expect(head.length == 80)
    }

    @Test("percent-decoding of path segments and query items", arguments: [
        ("/a%20b/c%2Fd", ["a b", "c/d"], [] as [HTTPQuery.Item]),
        ("/caf%C3%A9?q=a+b%2Bc&empty=&flag&&x=%3D", ["café"], [
            .init(name: "q", value: "a b+c"), .init(name: "empty", value: ""),
            .init(name: "flag", value: ""), .init(name: "x", value: "="),
        ]),
        ("/", [], []),
        ("/a/", ["a", ""], []),
    ])
    func decodesTargets(target: String, segments: [String], query: [HTTPQuery.Item]) throws {
        let request = try HTTPRequest(target: target)
        #expect(request.pathSegments == segments)
        #expect(request.query.items == query)
    }

    @Test func acceptsAbsoluteFormAndAsteriskForm() throws {
        let absolute = try #require(try parseHead("GET http://example.com:8080/x?y=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(absolute.request.path == "/x")
        #expect(absolute.request.query["y"] == "1")
        let asterisk = try #require(try parseHead("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(asterisk.request.path == "*")
    }

    @Test func skipsBlankLinesBeforeTheRequestLine() throws {
        let head = try #require(try parseHead("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(head.request.path == "/")
        #expect(head.length == 4 + 27)
    }

    @Test func connectionSemantics() throws {
        #expect(try parseHead("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?.keepAlive == false)
        #expect(try parseHead("GET / HTTP/1.0\r\n\r\n")?.keepAlive == false)
        #expect(try parseHead("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")?.keepAlive == true)
        #expect(try parseHead("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n")?.expectsContinue == true)
    }

    @Test func framing() throws {
        #expect(try parseHead("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")?.framing == .contentLength(5))
        #expect(try parseHead("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\ncontent-length: 5, 5\r\n\r\n")?.framing == .contentLength(5))
        #expect(try parseHead("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")?.framing == BodyFraming.none)
        #expect(try parseHead("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n")?.framing == .chunked)
    }

    @Test func waitsForAnIncompleteHead() throws {
        #expect(try parseHead("GET / HTTP/1.1\r\nHost: x\r\n") == nil)
        #expect(try parseHead("GET / HT") == nil)
        #expect(try parseHead("\r") == nil)
    }

    @Test("malformed and over-limit requests get the right error", arguments: [
        ("\u{01}\u{02}garbage\r\n\r\n", HTTPParseError.Code.malformed),
        ("GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", .malformed),
        ("GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n", .malformed),
        ("GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n folded\r\n\r\n", .malformed),
        ("GET / HTTP/1.1\r\nHost: x\nA: b\r\n\r\n", .malformed),
        ("GET /a\u{0}b HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /a/../b HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /a/%2e%2E/b HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /./b HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /a%ff HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /?q=%e2%82 HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET /a#frag HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET a HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET * HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", .malformed),
        ("GET / HTTP/1.1x\r\nHost: x\r\n\r\n", .malformed),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", .versionNotSupported),
        ("BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", .methodNotImplemented),
        ("get / HTTP/1.1\r\nHost: x\r\n\r\n", .methodNotImplemented),
        ("GET / HTTP/1.1\r\n\r\n", .malformed),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .malformed),
        ("GET / HTTP/1.1\r\nHost: x\r\nBad: a\u{7F}b\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5x\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999999\r\n\r\n", .bodyTooLarge),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n", .bodyTooLarge),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .transferCodingNotImplemented),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ,\r\n\r\n", .malformed),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .malformed),
        ("POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", .expectationFailed),
    ])
    func rejects(input: String, code: HTTPParseError.Code) {
        #expect(failureCode(parse(input)) == code)
        // Revealing the input a byte at a time must reach an error too.
        #expect(failureCode(parse(input, feedSize: 1)) != nil)
    }

    @Test func rejectsInvalidUTF8InHeaderValues() {
        var bytes = Array("GET / HTTP/1.1\r\nHost: x\r\nX: ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\r\n\r\n".utf8)
        #expect(failureCode(parse(bytes)) == .malformed)
        var valid = Array("GET / HTTP/1.1\r\nHost: x\r\nX: caf".utf8)
        valid += [0xC3, 0xA9]
        valid += Array("\r\n\r\n".utf8)
        #expect(parse(valid) == [.request(method: .get, target: "/", bodyLength: 0)])
    }

    @Test func enforcesHeadLimitsBeforeTheHeadCompletes() {
        let limits = HTTPRequestLimits(maxRequestLineLength: 64, maxHeaderSize: 256, maxHeaderCount: 3, maxBodySize: 16)
        let longLine = "GET /" + String(repeating: "a", count: 100)
        #expect(failureCode(parse(longLine, limits: limits)) == .requestLineTooLong)
        let bigHead = "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "b", count: 300)
        #expect(failureCode(parse(bigHead, limits: limits)) == .headersTooLarge)
        let many = "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(failureCode(parse(many, limits: limits)) == .headersTooLarge)
        let bigBody = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n"
        #expect(failureCode(parse(bigBody, limits: limits)) == .bodyTooLarge)
        let longMethod = String(repeating: "A", count: 40)
        #expect(failureCode(parse(longMethod, limits: limits)) == .methodNotImplemented)
    }

    @Test func parsesPipelinedRequestsWithBodies() {
        let stream = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0006\r\n world\r\n0\r\nTrailer: t\r\n\r\n"
            + "\r\nHEAD /d HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /e HTTP/1.1\r\nHo"
        let expected: [RequestStreamParser.Outcome] = [
            .request(method: .get, target: "/a", bodyLength: 0),
            .request(method: .post, target: "/b", bodyLength: 5),
            .request(method: .post, target: "/c", bodyLength: 11),
            .request(method: .head, target: "/d", bodyLength: 0),
            .incomplete,
        ]
        #expect(parse(stream) == expected)
        for feed in [1, 2, 3, 7, 64] {
            #expect(parse(stream, feedSize: feed) == expected, "feeding \(feed) bytes at a time")
        }
    }

    @Test("bad chunked bodies", arguments: [
        ("zz\r\nhello\r\n0\r\n\r\n", HTTPParseError.Code.malformed),
        ("\r\n", .malformed),
        ("5\r\nhelloX\r\n0\r\n\r\n", .malformed),
        ("5\nhello\r\n0\r\n\r\n", .malformed),
        ("5\r\nhello\r\n0\r\n\r\r", .malformed),
        ("5\r\nhello\r\n0\r\nBad\u{0}: x\r\n\r\n", .malformed),
        ("100001\r\n", .bodyTooLarge),
        ("ffffffffffffffffff\r\n", .bodyTooLarge),
        ("1;\(String(repeating: "e", count: 2000))\r\n", .malformed),
    ])
    func rejectsBadChunkedBodies(body: String, code: HTTPParseError.Code) {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body
        #expect(failureCode(parse(input)) == code)
    }

    @Test func chunkSizesMayHaveLeadingZeros() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000000003\r\nabc\r\n0\r\n\r\n"
        #expect(parse(input) == [.request(method: .post, target: "/", bodyLength: 3)])
    }

    @Test func requestInitializerValidatesTheTarget() {
        #expect(throws: HTTPParseError.self) { try HTTPRequest(target: "/a/../b") }
        #expect(throws: HTTPParseError.self) { try HTTPRequest(target: "no-slash") }
    }
}

import Testing
@testable import LookoutHTTP

/// Golden tests of everything the server writes: whole bytes, not fragments.
@Suite("Message encoding")
struct MessageEncodingTests {
    private let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

    private func encode(_ response: HTTPResponse, head: Bool = false, close: Bool = false, keepAlive10: Bool = false) -> String {
        let buffer = IOBuffer(capacity: 16)
        ResponseEncoder.encode(
            response, framing: .init(omitBody: head, close: close, announceKeepAlive: keepAlive10), date: date, into: buffer)
        return String(decoding: buffer.readableBytes, as: UTF8.self)
    }

    @Test func textResponse() {
        #expect(encode(.text("hi")) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nhi")
    }

    @Test func headCloseAndServerOwnedFields() {
        var response = HTTPResponse.text("hello")
        response.headers.add("content-length", "999")
        response.headers.add("Transfer-Encoding", "chunked")
        response.headers.add("Connection", "keep-alive")
        response.headers.add("Date", "custom")
        #expect(encode(response, head: true, close: true) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: custom\r\nContent-Length: 5\r\nConnection: close\r\n\r\n")
        #expect(encode(HTTPResponse(status: .noContent, body: [1, 2]), keepAlive10: true) == "HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nConnection: keep-alive\r\n\r\n")
        #expect(encode(HTTPResponse(status: HTTPStatus(code: 299))) == "HTTP/1.1 299 \r\nContent-Length: 0\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test func problemDetailsAreDeterministicAndEscaped() {
        let problem = ProblemDetails(
            status: .badRequest, detail: "bad \"symbol\"\n\u{1}\\", type: "https://lookout.dev/problems/symbol",
            instance: "/api/v1/klines/x", extensions: ["symbol": "x", "status": "ignored", "allowed": "BTCUSDT"])
        #expect(String(decoding: problem.json, as: UTF8.self)
            == #"{"type":"https://lookout.dev/problems/symbol","title":"Bad Request","status":400,"detail":"bad \"symbol\"\n\u0001\\","instance":"/api/v1/klines/x","allowed":"BTCUSDT","symbol":"x"}"#)
        let response = HTTPResponse.problem(.notFound)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"type":"about:blank","title":"Not Found","status":404}"#)
    }

    @Test func jsonHelperSortsKeys() throws {
        struct Candle: Encodable { let open: Double; let close: Double; let symbol: String }
        let response = try HTTPResponse.json([Candle(open: 1.5, close: 2, symbol: "BTC/USDT")], status: .created)
        #expect(response.status == .created)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"[{"close":2,"open":1.5,"symbol":"BTC/USDT"}]"#)
        #expect(throws: HTTPError.self) { try HTTPResponse.json(["x": Double.nan]) }
    }

    @Test func headerValidationRejectsResponseSplitting() {
        #expect(ResponseEncoder.headerProblem(.text("ok")) == nil)
        #expect(ResponseEncoder.headerProblem(HTTPResponse(headers: ["X": "a\r\nb"])) != nil)
        #expect(ResponseEncoder.headerProblem(HTTPResponse(headers: ["Bad Name": "v"])) != nil)
        #expect(ResponseEncoder.requestsClose(HTTPResponse(headers: ["Connection": "Upgrade, Close"])))
        #expect(!ResponseEncoder.requestsClose(.text("")))
    }

    @Test func dateCacheFormatsIMFFixdate() {
        var cache = HTTPDateCache()
        cache.refresh()
        let text = String(decoding: cache.bytes, as: UTF8.self)
        #expect(cache.bytes.count == 29)
        #expect(text.hasSuffix(" GMT"))
        #expect(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].contains(String(text.prefix(3))))
    }
}

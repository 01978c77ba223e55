import Synchronization
import Testing
@testable import LookoutHTTP

@Suite("Access-log middleware")
struct AccessLogMiddlewareTests {
    @Test func reportsEveryRoutedRequestWithItsRawPathAndTemplate() async throws {
        let entries = Mutex<[AccessLogEntry]>([])
        var router = TestRoutes.router()
        router.use(AccessLogMiddleware { entry in entries.withLock { $0.append(entry) } })
        try await withServer(router: router) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /items/42?token=secret HTTP/1.1\r\nHost: t\r\nUser-Agent: probe/1.0\r\n\r\n")
            _ = try await client.readResponse()
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
            _ = try await client.readResponse()
            try await client.send("GET /async/20 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            try await client.send("HEAD /big/100 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse(head: true)
            try await client.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
        }
        let logged = entries.withLock { $0 }
        #expect(logged.map(\.path) == ["/items/42", "/echo", "/async/20", "/big/100", "/missing"])
        #expect(logged.map(\.route) == ["/items/{id}", "/echo", "/async/{n}", "/big/{size}", "unmatched"])
        #expect(logged.map(\.status) == [200, 200, 200, 200, 404])
        #expect(logged.map(\.requestBodyBytes) == [0, 5, 0, 0, 0])
        #expect(logged.map(\.responseBodyBytes).prefix(4) == [7, 5, 8, 0])
        #expect(logged[0].userAgent == "probe/1.0")
        #expect(logged[1].userAgent == nil)
        #expect(logged[2].duration >= 0.02, "the async handler's time is included")
        #expect(logged.allSatisfy { $0.remoteAddress.hasPrefix("127.0.0.1:") })
    }
}

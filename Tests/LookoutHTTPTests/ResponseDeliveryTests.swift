import BybitSimulatorHTTP
import Testing
@testable import LookoutHTTP

/// Routes whose responses carry injected transport faults.
enum FaultRoutes {
    static let twentyBytes = Array("abcdefghijklmnopqrst".utf8)
    static let hundredBytes = [UInt8](repeating: UInt8(ascii: "z"), count: 100)

    static func router() -> HTTPRouter {
        var router = TestRoutes.router()
        router.get("/delayed/{ms}") { _, context in
            var response = HTTPResponse.text("late")
            response.delivery.delayBeforeHead = .milliseconds(Int(context.parameters["ms"] ?? "0") ?? 0)
            return response
        }
        router.get("/async-delayed") { (_, _) async throws -> HTTPResponse in
            try await Task.sleep(for: .milliseconds(50))
            return HTTPResponse(status: .ok, body: Array("async late".utf8),
                                delivery: HTTPResponseDelivery(delayBeforeHead: .milliseconds(200)))
        }
        router.get("/trickle") { _, _ in
            HTTPResponse(status: .ok, body: twentyBytes,
                         delivery: HTTPResponseDelivery(trickle: .init(chunkBytes: 5, pause: .milliseconds(60))))
        }
        router.get("/truncated") { _, _ in
            HTTPResponse(status: .ok, body: hundredBytes, delivery: HTTPResponseDelivery(truncateAfterBodyBytes: 10))
        }
        router.get("/truncated-beyond-the-body") { _, _ in
            HTTPResponse(status: .ok, body: twentyBytes, delivery: HTTPResponseDelivery(truncateAfterBodyBytes: 100))
        }
        router.get("/reset-before-head") { _, _ in
            HTTPResponse(status: .ok, body: hundredBytes,
                         delivery: HTTPResponseDelivery(delayBeforeHead: .milliseconds(150), reset: .beforeHead))
        }
        router.get("/reset-after-body-bytes") { _, _ in
            HTTPResponse(status: .ok, body: hundredBytes,
                         delivery: HTTPResponseDelivery(trickle: .init(chunkBytes: 4, pause: .milliseconds(10)), reset: .afterBodyBytes(10)))
        }
        router.get("/closing") { _, _ in
            HTTPResponse(status: .ok, body: Array("bye".utf8), delivery: HTTPResponseDelivery(closeConnection: true))
        }
        return router
    }
}

@Suite("Fault-injecting response delivery over real sockets")
struct ResponseDeliveryTests {
    @Test func aDelayHoldsTheResponseWithoutBlockingTheLoop() async throws {
        try await withServer(router: FaultRoutes.router(), configure: { $0.eventLoopCount = 1 }) { _, port in
            let slow = try RawClient(port: port)
            let sent = ContinuousClock.now
            try await slow.send("GET /delayed/400 HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            // The only event loop serves another client while the delay runs.
            let other = try await get("/items/3", port: port)
            #expect(other.text == "item 3")
            #expect(ContinuousClock.now - sent < .milliseconds(350))

            let late = try await slow.readResponse()
            #expect(ContinuousClock.now - sent >= .milliseconds(400))
            #expect(late.text == "late")
            #expect(late.header("Connection") == nil)
            // The pipelined request waited for the delayed response: order is kept.
            #expect(try await slow.readResponse().text == "hello")
        }
    }

    @Test func asyncHandlersResponsesAreDelayedTooAndReportedWithTheDelay() async throws {
        let observer = RecordingObserver()
        try await withServer(router: FaultRoutes.router(), configure: { $0.observer = observer }) { _, port in
            let sent = ContinuousClock.now
            let response = try await get("/async-delayed", port: port)
            #expect(response.text == "async late")
            #expect(ContinuousClock.now - sent >= .milliseconds(250))
            #expect(try await observer.waitFor { $0.contains(.finished(.get, "/async-delayed", 200, requestBytes: 0, responseBytes: 10)) })
            #expect((observer.durations["/async-delayed"] ?? 0) >= 0.25)
        }
    }

    @Test func aTrickledBodyArrivesWholeAfterItsPausesAndTheConnectionStaysUsable() async throws {
        try await withServer(router: FaultRoutes.router()) { _, port in
            let client = try RawClient(port: port)
            let sent = ContinuousClock.now
            try await client.send("GET /trickle HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            // Four chunks of five bytes: three pauses of 60 ms.
            #expect(ContinuousClock.now - sent >= .milliseconds(180))
            #expect(response.header("Content-Length") == "20")
            #expect(response.body == FaultRoutes.twentyBytes)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "hello")
        }
    }

    @Test func aTruncatedBodyAnnouncesItsFullLengthThenTheConnectionCloses() async throws {
        let observer = RecordingObserver()
        try await withServer(router: FaultRoutes.router(), configure: { $0.observer = observer }) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /truncated HTTP/1.1\r\nHost: t\r\n\r\n")
            let (bytes, ending) = try await client.readToEnd()
            #expect(ending == .closed)
            let (head, body) = try split(bytes)
            #expect(head.contains("Content-Length: 100\r\n"))
            #expect(!head.contains("Connection: close"), "a cut connection gives no warning")
            #expect(body == Array(FaultRoutes.hundredBytes.prefix(10)))
            #expect(try await observer.waitFor { $0.contains(.finished(.get, "/truncated", 200, requestBytes: 0, responseBytes: 10)) })
            try await expectStillServing(port: port)
        }
    }

    @Test func aBodyWithinTheTruncationLimitIsSentWholeOnAKeptConnection() async throws {
        try await withServer(router: FaultRoutes.router()) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /truncated-beyond-the-body HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.body == FaultRoutes.twentyBytes)
            #expect(response.header("Connection") == nil)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "hello")
        }
    }

    @Test func aResetBeforeTheHeadSendsNothing() async throws {
        try await withServer(router: FaultRoutes.router()) { _, port in
            let client = try RawClient(port: port)
            let sent = ContinuousClock.now
            try await client.send("GET /reset-before-head HTTP/1.1\r\nHost: t\r\n\r\n")
            let (bytes, ending) = try await client.readToEnd()
            #expect(ending == .reset)
            #expect(bytes.isEmpty)
            #expect(ContinuousClock.now - sent >= .milliseconds(150), "the delay comes before the reset")
            try await expectStillServing(port: port)
        }
    }

    @Test func aResetAfterBodyBytesDeliversExactlyThoseBytesFirst() async throws {
        let observer = RecordingObserver()
        try await withServer(router: FaultRoutes.router(), configure: { $0.observer = observer }) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /reset-after-body-bytes HTTP/1.1\r\nHost: t\r\n\r\n")
            let (bytes, ending) = try await client.readToEnd()
            #expect(ending == .reset)
            let (head, body) = try split(bytes)
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(head.contains("Content-Length: 100\r\n"))
            #expect(body == Array(FaultRoutes.hundredBytes.prefix(10)))
            #expect(try await observer.waitFor { $0.filter { $0 == .opened }.count == $0.filter { $0 == .closed }.count })
            #expect(observer.count(.finished(.get, "/reset-after-body-bytes", 200, requestBytes: 0, responseBytes: 10)) == 1)
        }
    }

    @Test func closeConnectionAnnouncesCloseAndIgnoresPipelinedRequests() async throws {
        try await withServer(router: FaultRoutes.router()) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /closing HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.text == "bye")
            #expect(response.header("Connection") == "close")
            let rest = try await client.readToEnd()
            #expect(rest.bytes.isEmpty)
            #expect(rest.ending == .closed)
        }
    }

    @Test func aClientLeavingDuringTheDelayIsReportedAs499() async throws {
        let observer = RecordingObserver()
        try await withServer(router: FaultRoutes.router(), configure: { $0.observer = observer }) { _, port in
            var client: RawClient? = try RawClient(port: port)
            try await client?.send("GET /delayed/5000 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await observer.waitFor { $0.contains(.started(.get, "/delayed/{ms}")) })
            client?.reset()
            client = nil  // closes the socket: the reset reaches the server
            #expect(try await observer.waitFor { $0.contains(.finished(.get, "/delayed/{ms}", 499, requestBytes: 0, responseBytes: 0)) })
            #expect(try await observer.waitFor { $0.contains(.closed) })
            try await expectStillServing(port: port)
        }
    }

    @Test func shutdownLetsADelayedResponseFinishWithinTheGracePeriod() async throws {
        let server = try HTTPServer(configuration: .init(port: 0, eventLoopCount: 1), router: FaultRoutes.router())
        try server.start()
        let client = try RawClient(port: try #require(server.port))
        try await client.send("GET /delayed/300 HTTP/1.1\r\nHost: t\r\n\r\n")
        try await Task.sleep(for: .milliseconds(50))
        async let stopped: Void = server.shutdown(gracePeriod: .seconds(5))
        let response = try await client.readResponse()
        #expect(response.text == "late")
        #expect(response.header("Connection") == "close")
        await stopped
    }

    @Test func outOfRangeValuesAreClamped() {
        let plan = HTTPResponseDelivery(truncateAfterBodyBytes: -5, reset: .afterBodyBytes(-1))
        #expect(plan.bodyBytesToSend(of: 100) == 0)
        #expect(HTTPResponseDelivery(reset: .afterBodyBytes(500)).bodyBytesToSend(of: 100) == 100)
        #expect(HTTPResponseDelivery(reset: .beforeHead).bodyBytesToSend(of: 100) == 0)
        #expect(HTTPResponseDelivery(truncateAfterBodyBytes: 30, reset: .afterBodyBytes(40)).bodyBytesToSend(of: 100) == 30)
        #expect(HTTPResponseDelivery.normal.isImmediate)
        #expect(HTTPResponseDelivery(closeConnection: true).isImmediate)
        #expect(HTTPResponseDelivery(delayBeforeHead: .milliseconds(-3)).isImmediate)
        #expect(!HTTPResponseDelivery(trickle: .init(chunkBytes: 0, pause: .zero)).isImmediate)
        #expect(HTTPResponse.text("x").delivery == .normal)
    }

    /// Splits raw response bytes at the end of the head.
    private func split(_ bytes: [UInt8]) throws -> (head: String, body: [UInt8]) {
        let end = try #require(bytes.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound)
        return (String(decoding: bytes[..<end], as: UTF8.self), Array(bytes[end...]))
    }
}

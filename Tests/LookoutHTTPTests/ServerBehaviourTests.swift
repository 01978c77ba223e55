import Synchronization
import Testing
@testable import LookoutHTTP

@Suite("Server behaviour over real sockets")
struct ServerBehaviourTests {
    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            for index in 0..<50 {
                try await client.send("GET /items/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "item \(index)")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAcrossSyncAndAsyncHandlers() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            var batch = ""
            let paths = ["/async/30", "/hello", "/items/7", "/async/1", "/nope", "/async/10", "/query?a=1"]
            for path in paths { batch += "GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n" }
            try await client.send(batch)
            var bodies: [String] = []
            for _ in paths { bodies.append(try await client.readResponse().text) }
            #expect(bodies[0] == "async 30")
            #expect(bodies[1] == "hello")
            #expect(bodies[2] == "item 7")
            #expect(bodies[3] == "async 1")
            #expect(bodies[4].contains("\"status\":404"))
            #expect(bodies[5] == "async 10")
            #expect(bodies[6] == "a=1")
        }
    }

    @Test func connectionCloseAndHTTP10() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try await client.readUntilClosed().isEmpty, "the pipelined request after close is not answered")

            let old = try RawClient(port: port)
            try await old.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try await old.readResponse().header("Connection") == "close")
            #expect(try await old.closesWithin(.seconds(2)))

            let keep = try RawClient(port: port)
            try await keep.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await keep.readResponse().header("Connection") == "keep-alive")
            try await keep.send("GET /items/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await keep.readResponse().text == "item 2")
        }
    }

    @Test func contentLengthAndChunkedBodies() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello world")
            #expect(try await client.readResponse().text == "hello world")
            try await client.send("PUT /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            for piece in ["4;name=v\r\nWiki\r\n", "5\r\npedia\r\n", "E\r\n in\r\n\r\nchunks.\r\n", "0\r\nX-Trailer: 1\r\n\r\n"] {
                try await client.send(piece)
                try await Task.sleep(for: .milliseconds(5))
            }
            let response = try await client.readResponse()
            #expect(response.text == "Wikipedia in\r\n\r\nchunks.")
            #expect(response.header("Content-Length") == "23")
        }
    }

    @Test func headHasHeadersAndLengthButNoBody() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try await client.send("HEAD /big/1000 HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "1000")
            #expect(head.body.isEmpty)
            // The next response starts right after the head: no body bytes were sent.
            #expect(try await client.readResponse().text == "hello")
        }
    }

    @Test func expectContinueGetsAnInterimResponse() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try await client.readResponse()
            #expect(interim.status == 100)
            try await client.send("ping")
            #expect(try await client.readResponse().text == "ping")

            let tooBig = try RawClient(port: port)
            try await tooBig.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 99999999\r\n\r\n")
            let refused = try await tooBig.readResponse()
            #expect(refused.status == 413, "an oversized body is refused before the client sends it")
        }
    }

    @Test func routingErrorsAreProblemDetails() async throws {
        try await withServer { _, port in
            let notFound = try await get("/nope/x%20y", port: port)
            #expect(notFound.status == 404)
            #expect(notFound.header("Content-Type") == "application/problem+json")
            #expect(notFound.text == #"{"type":"about:blank","title":"Not Found","status":404,"detail":"no route matches GET /nope/x%20y"}"#)

            let client = try RawClient(port: port)
            try await client.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let notAllowed = try await client.readResponse()
            #expect(notAllowed.status == 405)
            #expect(notAllowed.header("Allow") == "GET, HEAD, OPTIONS")
            #expect(notAllowed.text.contains(#""status":405"#))

            try await client.send("OPTIONS /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            let options = try await client.readResponse()
            #expect(options.status == 204)
            #expect(options.header("Allow") == "POST, PUT, OPTIONS")

            let unknown = try RawClient(port: port)
            try await unknown.send("BREW /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let notImplemented = try await unknown.readResponse()
            #expect(notImplemented.status == 501)
            #expect(notImplemented.header("Content-Type") == "application/problem+json")
            #expect(try await unknown.closesWithin(.seconds(3)))

            let failing = try await get("/fail", port: port)
            #expect(failing.status == 409)
            #expect(failing.header("Retry-After") == "3")
            #expect(failing.text.contains("this always conflicts"))
            let crashing = try await get("/crash", port: port)
            #expect(crashing.status == 500)
            #expect(!crashing.text.contains("Cancellation"), "internal errors are not revealed")
            let injected = try await get("/bad-header", port: port)
            #expect(injected.status == 500)
            #expect(injected.header("Set-Cookie") == nil)
        }
    }

    @Test func percentDecodingReachesHandlers() async throws {
        try await withServer { _, port in
            let slash = try await get("/items/BTC%2FUSDT%20perp", port: port)
            #expect(slash.text == "item BTC/USDT perp")
            let literal = try await get("/items/new", port: port)
            #expect(literal.text == "new item form")
            let query = try await get("/query?symbol=BTC%2DUSDT&note=a+b%26c&empty", port: port)
            #expect(query.text == "symbol=BTC-USDT|note=a b&c|empty=")
        }
    }

    @Test func servesIPv6OnLoopback() async throws {
        try await withServer(host: "::1") { server, port in
            #expect(server.localAddress == "[::1]:\(port)")
            let response = try await get("/hello", port: port, host: "::1")
            #expect(response.text == "hello")
        }
    }

    @Test func startupErrorsAreTypedAndExplain() async throws {
        try await withServer { server, port in
            #expect(throws: HTTPServerError.self) { try server.start() }
            let clash = try HTTPServer(configuration: .init(port: port), router: HTTPRouter())
            #expect {
                try clash.start()
            } throws: { error in
                (error as? HTTPServerError)?.code == .addressInUse
                    && (error as? HTTPServerError)?.message.contains("127.0.0.1:\(port)") == true
            }
            await clash.shutdown()
        }
        let badHost = try HTTPServer(configuration: .init(host: "example.com", port: 0), router: HTTPRouter())
        #expect {
            try badHost.start()
        } throws: { error in
            (error as? HTTPServerError)?.code == .invalidAddress
        }
        let never = try HTTPServer(router: HTTPRouter())
        await never.shutdown()
        #expect(never.port == nil)
    }

    @Test func refusesConnectionsBeyondTheLimitWith503() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: {
            $0.maxConnections = 2
            $0.observer = observer
        }) { _, port in
            let first = try RawClient(port: port)
            let second = try RawClient(port: port)
            try await first.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            try await second.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await first.readResponse()
            _ = try await second.readResponse()

            let third = try RawClient(port: port)
            let refused = try await third.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.header("Connection") == "close")
            #expect(refused.text.contains("limit of 2 connections"))
            #expect(try await third.closesWithin(.seconds(3)))
            #expect(observer.count(.rejected) == 1)

            // The admitted connections keep working, and a slot frees up when one closes.
            try await first.send("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await first.readResponse().text == "item 1")
            try await second.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            _ = try await second.readResponse()
            #expect(try await second.closesWithin(.seconds(2)))
            #expect(try await observer.waitFor { $0.filter { $0 == .closed }.count == 1 })
            try await expectStillServing(port: port)
        }
    }

    @Test func gracefulShutdownFinishesAnInFlightSlowRequest() async throws {
        var configuration = HTTPServer.Configuration(port: 0, eventLoopCount: 2)
        configuration.timeouts.idle = .seconds(30)
        let server = try HTTPServer(configuration: configuration, router: TestRoutes.router())
        try server.start()
        let port = try #require(server.port)
        let slow = try RawClient(port: port)
        try await slow.send("GET /async/400 HTTP/1.1\r\nHost: t\r\n\r\n")
        let idle = try RawClient(port: port)
        try await idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await idle.readResponse()
        try await Task.sleep(for: .milliseconds(50))

        let started = ContinuousClock.now
        async let stopped: Void = server.shutdown(gracePeriod: .seconds(5))
        #expect(try await idle.closesWithin(.seconds(1)), "idle keep-alive connections close at once")
        let response = try await slow.readResponse()
        #expect(response.text == "async 400")
        #expect(response.header("Connection") == "close")
        await stopped
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(throws: RawClient.Failure.self) { try RawClient(port: port) }
        #expect(server.port == nil)
    }

    @Test func shutdownClosesRequestsThatOutliveTheGracePeriod() async throws {
        let observer = RecordingObserver()
        let server = try HTTPServer(
            configuration: .init(port: 0, eventLoopCount: 1, observer: observer), router: TestRoutes.router())
        try server.start()
        let client = try RawClient(port: try #require(server.port))
        try await client.send("GET /async/5000 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try await observer.waitFor { $0.contains(.started(.get, "/async/{n}")) })
        let started = ContinuousClock.now
        await server.shutdown(gracePeriod: .milliseconds(200))
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(try await client.closesWithin(.seconds(1)))
        #expect(observer.events.contains(.finished(.get, "/async/{n}", 499, requestBytes: 0, responseBytes: 0)))
        #expect(observer.count(.opened) == observer.count(.closed))
    }

    @Test func observerSeesRouteTemplatesNeverRawPaths() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: { $0.observer = observer }) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /items/42 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            _ = try await client.readResponse()
            try await client.send("GET /secret/path HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            try await client.send("HEAD /big/10 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            _ = try await client.readResponse(head: true)
            #expect(try await client.closesWithin(.seconds(2)))
            #expect(try await observer.waitFor { $0.contains(.closed) })
            let notFoundBody = #"{"type":"about:blank","title":"Not Found","status":404,"detail":"no route matches GET /secret/path"}"#.utf8.count
            #expect(observer.events == [
                .opened,
                .started(.get, "/items/{id}"), .finished(.get, "/items/{id}", 200, requestBytes: 0, responseBytes: 7),
                .started(.post, "/echo"), .finished(.post, "/echo", 200, requestBytes: 3, responseBytes: 3),
                .started(.get, "unmatched"), .finished(.get, "unmatched", 404, requestBytes: 0, responseBytes: notFoundBody),
                .started(.head, "/big/{size}"), .finished(.head, "/big/{size}", 200, requestBytes: 0, responseBytes: 0),
                .closed,
            ])
        }
    }
}

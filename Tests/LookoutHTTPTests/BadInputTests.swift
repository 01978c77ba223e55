import Testing
@testable import LookoutHTTP

/// Hostile and broken clients over raw sockets. Each case checks the status (and that a
/// problem+json body came with it) or that the connection was closed, and then that the
/// server still serves a fresh client.
@Suite("Bad input over real sockets")
struct BadInputTests {
    @Test("malformed requests get a problem response and a closed connection", arguments: [
        ("\u{16}\u{03}\u{01}\u{02}\u{00}garbage-tls-hello\r\n\r\n", 400),
        ("GET /hello HTTP/1.1\r\nHost: t\r\nthis line has no colon\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: -5\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n", 413),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\nhello\r\n0\r\n\r\n", 400),
        ("GET /hel\u{0}lo HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /hello%00 HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /items/../hello HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /items/%2E%2E/hello HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /hello HTTP/1.1\r\n\r\n", 400),
        ("GET /hello HTTP/3.0\r\nHost: t\r\n\r\n", 505),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("GET /hello HTTP/1.1\r\nHost: t\r\nExpect: teapot\r\n\r\n", 417),
    ])
    func rejectsMalformedRequests(request: String, status: Int) async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try await client.send(request)
            let response = try await client.readResponse()
            #expect(response.status == status)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains(#""status":\#(status)"#))
            #expect(response.header("Connection") == "close")
            #expect(try await client.closesWithin(.seconds(3)))
            try await expectStillServing(port: port)
        }
    }

    @Test func aOneMegabyteHeaderGets431() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            let request = "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n"
            // The server answers once the limit is crossed and discards the rest while it
            // lingers, so the whole megabyte can still be sent before reading.
            try await client.send(request)
            let response = try await client.readResponse()
            #expect(response.status == 431)
            #expect(response.text.contains(#""status":431"#))
            try await expectStillServing(port: port)
        }
    }

    @Test func anOverlongRequestLineGets414() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /" + String(repeating: "a", count: 10_000) + " HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 414)
            try await expectStillServing(port: port)
        }
    }

    @Test func anOversizedChunkedBodyGets413() async throws {
        try await withServer(configure: { $0.limits.maxBodySize = 1000 }) { _, port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await client.send("200\r\n" + String(repeating: "x", count: 512) + "\r\n")
            try await client.send("200\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            try await expectStillServing(port: port)
        }
    }

    @Test func slowLorisGets408AndIsClosed() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: {
            $0.timeouts.header = .milliseconds(300)
            $0.observer = observer
        }) { _, port in
            let loris = try RawClient(port: port)
            let started = ContinuousClock.now
            // Trickle a head that never ends, one byte every 50 ms, for three times the
            // header timeout (or until the server stops reading).
            let trickle = Array("GET /hello HTTP/1.1\r\nHost: t\r\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8)
            for byte in trickle.prefix(40) {
                do { try await loris.send([byte]) } catch { break }
                try await Task.sleep(for: .milliseconds(50))
                if ContinuousClock.now - started > .milliseconds(900) { break }
            }
            let response = try await loris.readResponse()
            #expect(response.status == 408, "trickling bytes does not extend the header timeout")
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(try await loris.closesWithin(.seconds(3)))
            #expect(observer.count(.timedOut(.header)) == 1)

            // A client that connects and sends nothing is closed silently.
            let silent = try RawClient(port: port)
            #expect(try await silent.readUntilClosed(timeout: .seconds(3)).isEmpty)
            try await expectStillServing(port: port)
        }
    }

    @Test func slowBodyGets408() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: {
            $0.timeouts.body = .milliseconds(300)
            $0.observer = observer
        }) { _, port in
            let client = try RawClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part")
            let response = try await client.readResponse()
            #expect(response.status == 408)
            #expect(observer.count(.timedOut(.body)) == 1)
            #expect(observer.events.contains(.finished(.post, "/echo", 408, requestBytes: 9, responseBytes: response.body.count)))
            try await expectStillServing(port: port)
        }
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: {
            $0.timeouts.idle = .milliseconds(200)
            $0.observer = observer
        }) { _, port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            #expect(try await client.readUntilClosed(timeout: .seconds(3)).isEmpty, "closed without a response")
            #expect(observer.count(.timedOut(.idle)) == 1)
        }
    }

    @Test func disconnectMidRequestIsHarmless() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: { $0.observer = observer }) { _, port in
            for partial in ["GET /hel", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\n\r\nabc",
                            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"] {
                let client = try RawClient(port: port)
                try await client.send(partial)
                try await Task.sleep(for: .milliseconds(20))
                client.reset()
            }
            let halfClosed = try RawClient(port: port)
            try await halfClosed.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hel")
            halfClosed.shutdownWrite()
            #expect(try await halfClosed.readResponse().text == "hello", "a complete request before EOF is answered")
            #expect(try await halfClosed.closesWithin(.seconds(2)))
            try await expectStillServing(port: port)
            #expect(try await observer.waitFor { events in
                events.filter { $0 == .opened }.count == events.filter { $0 == .closed }.count
            })
            #expect(!observer.events.contains { if case .started(.post, _) = $0 { true } else { false } },
                    "incomplete requests never reach a handler")
        }
    }

    @Test func disconnectMidResponseIsHarmless() async throws {
        try await withServer { _, port in
            for _ in 0..<3 {
                let client = try RawClient(port: port, receiveBuffer: 4096)
                try await client.send("GET /big/8000000 HTTP/1.1\r\nHost: t\r\n\r\n")
                try await Task.sleep(for: .milliseconds(30))
                client.reset()
            }
            let asyncClient = try RawClient(port: port)
            try await asyncClient.send("GET /async/100 HTTP/1.1\r\nHost: t\r\n\r\n")
            asyncClient.reset()
            try await Task.sleep(for: .milliseconds(150))
            try await expectStillServing(port: port)
        }
    }

    @Test func aClientThatNeverReadsHitsTheWriteTimeout() async throws {
        let observer = RecordingObserver()
        try await withServer(configure: {
            $0.timeouts.write = .milliseconds(300)
            $0.observer = observer
        }) { _, port in
            let client = try RawClient(port: port, receiveBuffer: 4096)
            try await client.send("GET /big/16000000 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await observer.waitFor(.seconds(5)) { $0.contains(.timedOut(.write)) })
            #expect(try await observer.waitFor { $0.contains(.closed) })
            try await expectStillServing(port: port)
        }
    }
}

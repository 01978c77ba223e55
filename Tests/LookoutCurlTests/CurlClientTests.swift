import TestSupport
import Foundation
import LookoutCurl
import Testing

@Suite("CurlClient against a local fixture server")
struct CurlClientTests {
    let server: PythonFixture
    let client: CurlClient

    init() throws {
        server = try sharedFixture.get()
        client = try CurlClient()
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let response = try await client.get("\(server.baseURL)/status/200")
        #expect(response.status == 200)
        #expect(response.text == "status 200")
        #expect(response.headers["CONTENT-LENGTH"] == "10")
        #expect(response.headers["content-length"] == "10")
        #expect(response.httpVersion == "1.1")
        #expect(response.url == "\(server.baseURL)/status/200")
        #expect(response.totalTime > .zero)
    }

    @Test("HTTP error statuses are responses, not thrown errors", arguments: [400, 403, 404, 429, 500, 503])
    func errorStatusesAreResponses(status: Int) async throws {
        let response = try await client.get("\(server.baseURL)/status/\(status)")
        #expect(response.status == status)
        #expect(response.text == "status \(status)")
        #expect(!response.isSuccess)
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let response = try await client.get("\(server.baseURL)/gzip")
        #expect(response.status == 200)
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.text == String(repeating: "hello gzip ", count: 1000))
        #expect(Int(response.headers["content-length"] ?? "") ?? .max < response.body.count)
    }

    @Test func undecodableGzipIsATypedError() async throws {
        let error = await #expect(throws: CurlError.self) { try await client.get("\(server.baseURL)/badgzip") }
        #expect(error?.code == .badContentEncoding)
        #expect(error?.curlCode == 61)
    }

    @Test func largeBodiesArriveIntact() async throws {
        let count = 8 << 20
        let response = try await client.get("\(server.baseURL)/bytes/\(count)")
        #expect(response.body.count == count)
        let mismatch = stride(from: 0, to: count, by: 997).first { response.body[$0] != UInt8($0 % 251) }
        #expect(mismatch == nil)
        #expect(response.body.last == UInt8((count - 1) % 251))
    }

    @Test func bodiesOverTheLimitFailInsteadOfTruncating() async throws {
        var configuration = CurlClient.Configuration()
        configuration.maxResponseBytes = 1000
        let small = try CurlClient(configuration: configuration)
        let error = await #expect(throws: CurlError.self) { try await small.get("\(server.baseURL)/bytes/5000") }
        #expect(error?.code == .responseTooLarge)
        let fits = try await small.get("\(server.baseURL)/bytes/1000")
        #expect(fits.body.count == 1000)
    }

    @Test func requestHeadersAreSentAndRepeatedResponseHeadersKept() async throws {
        let response = try await client.get("\(server.baseURL)/headers", headers: ["X-Trace": "abc 123", "Accept": "application/json"])
        #expect(response.headers["x-echo-x-trace"] == "abc 123")
        #expect(response.headers["X-Echo-Accept"] == "application/json")
        #expect(response.headers["x-echo-accept-encoding"]?.contains("gzip") == true)
        #expect(response.headers["x-echo-user-agent"] == client.configuration.userAgent)
        #expect(response.headers.values(for: "multi") == ["one", "two"])
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        var ports: Set<String> = []
        var newConnections = 0
        for _ in 0..<10 {
            let response = try await client.get("\(server.baseURL)/status/200")
            ports.insert(response.headers["X-Client-Port"] ?? "?")
            newConnections += response.newConnections
        }
        #expect(ports.count == 1)
        #expect(newConnections == 1)
    }

    @Test func manyConcurrentTransfersShareAFewConnections() async throws {
        var configuration = CurlClient.Configuration()
        configuration.maxConnectionsPerHost = 4
        let pooled = try CurlClient(configuration: configuration)
        let url = "\(server.baseURL)/delay/20"
        let (ports, peak) = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await pooled.get(url).headers["X-Client-Port"] ?? "?" } }
            var peak = 0
            var ports: Set<String> = []
            while let port = try await group.next() {
                peak = max(peak, pooled.inFlight)
                ports.insert(port)
            }
            return (ports, peak)
        }
        #expect(ports.count <= 4)
        #expect(ports.count >= 2)
        #expect(peak > 4, "transfers beyond the connection limit should queue inside libcurl")
        #expect(pooled.inFlight == 0)
    }

    @Test func timeoutsAreTypedAndPrompt() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: CurlError.self) {
            try await client.get("\(server.baseURL)/delay/10000", timeout: .milliseconds(200))
        }
        #expect(error?.code == .timedOut)
        #expect(error?.curlCode == 28)
        #expect(error?.url == "\(server.baseURL)/delay/10000")
        #expect(ContinuousClock.now - started < .seconds(5), "the 10 s response must not be awaited")
    }

    @Test func connectionRefusedIsATypedError() async throws {
        let port = try freeLoopbackPort()
        let url = "http://127.0.0.1:\(port)/"
        let error = await #expect(throws: CurlError.self) { try await client.get(url) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.curlCode == 7)
        #expect(error?.url == url)
        #expect(error?.message.contains("\(port)") == true)
        #expect(error?.isTransient == true)
    }

    @Test func connectionResetIsConnectionLost() async throws {
        let error = await #expect(throws: CurlError.self) { try await client.get("\(server.baseURL)/reset") }
        #expect(error?.code == .connectionLost)
    }

    @Test func truncatedBodiesAreReported() async throws {
        let error = await #expect(throws: CurlError.self) { try await client.get("\(server.baseURL)/truncated") }
        #expect(error?.code == .truncatedBody)
        #expect(error?.curlCode == 18)
    }

    @Test func cancellingTheTaskRemovesTheTransfer() async throws {
        let url = "\(server.baseURL)/delay/5000"
        let client = self.client
        let task = Task { try await client.get(url) }
        while client.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(1))
        guard case .failure(let error) = result else { Issue.record("expected cancellation, got \(result)"); return }
        #expect((error as? CurlError)?.code == .cancelled)
        #expect(client.inFlight == 0)
        // The client keeps working after a cancellation.
        #expect(try await client.get("\(server.baseURL)/status/200").status == 200)
    }

    @Test func alreadyCancelledTasksDoNotSend() async throws {
        let url = "\(server.baseURL)/status/200"
        let client = self.client
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return try await client.get(url)
        }
        task.cancel()
        guard case .failure(let error) = await task.result else { Issue.record("expected cancellation"); return }
        #expect((error as? CurlError)?.code == .cancelled)
    }

    @Test func methodsAndBodies() async throws {
        let post = try await client.execute(CurlRequest(method: .post, url: "\(server.baseURL)/echo", body: Array("a=1&b=2".utf8)))
        #expect(post.text == "POST\na=1&b=2")
        let put = try await client.execute(CurlRequest(method: .put, url: "\(server.baseURL)/echo", body: [0, 1, 2]))
        #expect(put.body == Array("PUT\n".utf8) + [0, 1, 2])
        let delete = try await client.execute(CurlRequest(method: .delete, url: "\(server.baseURL)/echo"))
        #expect(delete.text == "DELETE\n")
        let head = try await client.execute(CurlRequest(method: .head, url: "\(server.baseURL)/status/200"))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == "10")
    }

    @Test func invalidRequestsAreRejectedWithTheFix() async throws {
        let injected = await #expect(throws: CurlError.self) {
            try await client.get("\(server.baseURL)/headers", headers: ["X-Bad": "a\r\nInjected: yes"])
        }
        #expect(injected?.code == .invalidRequest)
        #expect(injected?.message.contains("line break") == true)
        let scheme = await #expect(throws: CurlError.self) { try await client.get("file:///etc/passwd") }
        #expect(scheme?.code == .invalidRequest)
        let empty = await #expect(throws: CurlError.self) { try await client.get("") }
        #expect(empty?.code == .invalidRequest)
    }

    @Test func explicitProxyReceivesTheAbsoluteTarget() async throws {
        var configuration = CurlClient.Configuration()
        configuration.proxy = .url(server.baseURL)
        let proxied = try CurlClient(configuration: configuration)
        let response = try await proxied.get("http://lookout.invalid/path?q=1")
        #expect(response.headers["X-Proxy-Target"] == "http://lookout.invalid/path?q=1")
    }

    @Test func redirectsAreReturnedUnlessFollowingIsEnabled() async throws {
        let plain = try await client.get("\(server.baseURL)/redirect")
        #expect(plain.status == 302)
        #expect(plain.headers["location"] == "/status/200")
        var configuration = CurlClient.Configuration()
        configuration.maxRedirects = 2
        let following = try CurlClient(configuration: configuration)
        let followed = try await following.get("\(server.baseURL)/redirect")
        #expect(followed.status == 200)
        #expect(followed.url == "\(server.baseURL)/status/200")
        #expect(followed.headers["location"] == nil)
    }

    @Test func shutdownFailsInFlightAndLaterRequests() async throws {
        let client = try CurlClient()
        let url = "\(server.baseURL)/delay/5000"
        let task = Task { try await client.get(url) }
        while client.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        client.shutdown()
        guard case .failure(let error) = await task.result else { Issue.record("expected shutdown"); return }
        #expect((error as? CurlError)?.code == .shutdown)
        let later = await #expect(throws: CurlError.self) { try await client.get("\(server.baseURL)/status/200") }
        #expect(later?.code == .shutdown)
    }
}

/// A loopback port nothing listens on: bind port 0, read it, close.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw PythonFixture.StartError(description: "could not bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

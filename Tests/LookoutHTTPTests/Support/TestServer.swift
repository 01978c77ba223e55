import Synchronization
import Testing
@testable import LookoutHTTP

/// Runs `body` against a real server on an ephemeral loopback port, then shuts it down.
func withServer(
    router: HTTPRouter = TestRoutes.router(),
    host: String = "127.0.0.1",
    configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    _ body: (HTTPServer, Int) async throws -> Void
) async throws {
    var configuration = HTTPServer.Configuration(host: host, port: 0, eventLoopCount: 2)
    configure(&configuration)
    let server = try HTTPServer(configuration: configuration, router: router)
    try server.start()
    let port = try #require(server.port)
    do {
        try await body(server, port)
    } catch {
        await server.shutdown(gracePeriod: .milliseconds(200))
        throw error
    }
    await server.shutdown(gracePeriod: .milliseconds(200))
}

/// Sends one well-formed request on a fresh connection and returns the response: proof
/// that the server is still serving.
@discardableResult
func get(_ path: String, port: Int, host: String = "127.0.0.1") async throws -> RawResponse {
    let client = try RawClient(port: port, host: host)
    try await client.send("GET \(path) HTTP/1.1\r\nHost: test\r\n\r\n")
    return try await client.readResponse()
}

/// Asserts that a new client still gets `200 hello`.
func expectStillServing(port: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let response = try await get("/hello", port: port)
    #expect(response.status == 200, sourceLocation: sourceLocation)
    #expect(response.text == "hello", sourceLocation: sourceLocation)
}

/// The routes most server tests use.
enum TestRoutes {
    static func router() -> HTTPRouter {
        var router = HTTPRouter()
        router.get("/hello") { _, _ in .text("hello") }
        router.get("/items/{id}") { _, context in .text("item \(context.parameters["id"] ?? "?")") }
        router.get("/items/new") { _, _ in .text("new item form") }
        router.get("/query") { request, _ in
            .text(request.query.items.map { "\($0.name)=\($0.value)" }.joined(separator: "|"))
        }
        router.post("/echo") { request, _ in .bytes(request.body, contentType: "application/octet-stream") }
        router.put("/echo") { request, _ in .bytes(request.body, contentType: "application/octet-stream") }
        router.get("/async/{n}") { (_, context) async throws -> HTTPResponse in
            try await Task.sleep(for: .milliseconds(Int(context.parameters["n"] ?? "0") ?? 0))
            return .text("async \(context.parameters["n"] ?? "")")
        }
        router.get("/big/{size}") { _, context in
            let size = Int(context.parameters["size"] ?? "0") ?? 0
            return .bytes([UInt8](repeating: UInt8(ascii: "x"), count: size), contentType: "text/plain")
        }
        router.get("/fail") { _, _ in throw HTTPError(.conflict, "this always conflicts", headers: ["Retry-After": "3"]) }
        router.get("/crash") { _, _ in throw CancellationError() }
        router.get("/bad-header") { _, _ in HTTPResponse(status: .ok, headers: ["X-Injected": "a\r\nSet-Cookie: b"], body: []) }
        return router
    }
}

/// An observer that records every event, for assertions.
final class RecordingObserver: HTTPServerObserver {
    enum Event: Hashable, Sendable {
        case opened, closed, rejected
        case started(HTTPMethod, String)
        case finished(HTTPMethod, String, Int, requestBytes: Int, responseBytes: Int)
        case timedOut(HTTPTimeoutKind)
        case failed(String)
    }

    private let storage = Mutex<[Event]>([])
    private let durationStorage = Mutex<[String: Double]>([:])

    var events: [Event] { storage.withLock { $0 } }

    /// The duration of the last finished request on each route, in seconds.
    var durations: [String: Double] { durationStorage.withLock { $0 } }

    func count(_ event: Event) -> Int { events.filter { $0 == event }.count }

    func connectionOpened() { storage.withLock { $0.append(.opened) } }
    func connectionClosed() { storage.withLock { $0.append(.closed) } }
    func connectionRejected() { storage.withLock { $0.append(.rejected) } }
    func requestStarted(method: HTTPMethod, route: String) { storage.withLock { $0.append(.started(method, route)) } }
    func requestFinished(_ record: HTTPRequestRecord) {
        precondition(record.duration >= 0 && record.duration < 60)
        durationStorage.withLock { $0[record.route] = record.duration }
        storage.withLock {
            $0.append(.finished(record.method, record.route, record.status, requestBytes: record.requestBodyBytes, responseBytes: record.responseBodyBytes))
        }
    }
    func timedOut(_ kind: HTTPTimeoutKind) { storage.withLock { $0.append(.timedOut(kind)) } }
    func handlerFailed(route: String, error: any Error) { storage.withLock { $0.append(.failed(route)) } }

    /// Waits until `condition` holds for the recorded events (up to `timeout`).
    func waitFor(_ timeout: Duration = .seconds(5), _ condition: ([Event]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(events) { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return condition(events)
    }
}

import LookoutHTTP

/// Runs `body` against a real HTTP server on a free loopback port that answers `GET path`
/// with the fixed JSON bytes of `responses[path]` (and 404 otherwise), then stops it.
///
/// For conformance tests: a recorded or documented exchange body goes through the client's
/// whole path (HTTP, envelope, parser, checks) exactly as it was written. `headers[path]`
/// adds response headers to that path's answer (a `Date` given here replaces the server's).
public func withFixedResponses<T>(
    _ responses: [String: [UInt8]], headers: [String: [String: String]] = [:], _ body: (String) async throws -> T
) async throws -> T {
    var router = HTTPRouter()
    for (path, bytes) in responses {
        var response = HTTPResponse.json(encoded: bytes)
        for (name, value) in (headers[path] ?? [:]).sorted(by: { $0.key < $1.key }) { response.headers.set(name, value) }
        router.on(.get, path) { [response] _, _ in response }
    }
    let server = try HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, eventLoopCount: 1), router: router)
    try server.start()
    guard let port = server.port else {
        await server.shutdown(gracePeriod: .milliseconds(200))
        throw FixedResponseServerError()
    }
    do {
        let result = try await body("http://127.0.0.1:\(port)")
        await server.shutdown(gracePeriod: .milliseconds(200))
        return result
    } catch {
        await server.shutdown(gracePeriod: .milliseconds(200))
        throw error
    }
}

/// The fixed-response server did not get a port.
public struct FixedResponseServerError: Error {}

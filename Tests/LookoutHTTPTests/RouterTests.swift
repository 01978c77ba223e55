import Testing
@testable import LookoutHTTP

/// Routing and middleware without sockets: requests go straight into the compiled chain.
@Suite("Router and middleware")
struct RouterTests {
    /// Compiles `router` the way the server does and answers `target`.
    private func respond(_ router: HTTPRouter, _ method: HTTPMethod, _ target: String) async throws -> (HTTPResponse, HTTPRequestContext) {
        let table = try RouteTable.build(router.definitions).get()
        let chain = MiddlewareChain(middleware: router.middleware, observer: nil)
        let request = try HTTPRequest(method: method, target: target)
        let context = table.context(for: request, remoteAddress: "127.0.0.1:1")
        return (await chain.respond(to: request, context: context).response, context)
    }

    private func respond(_ router: HTTPRouter, _ target: String) async throws -> (HTTPResponse, HTTPRequestContext) {
        try await respond(router, .get, target)
    }

    @Test func literalSegmentsBeatParametersWithBacktracking() async throws {
        var router = HTTPRouter()
        router.get("/items/{id}") { _, context in .text("id=\(context.parameters["id"]!)") }
        router.get("/items/new") { _, _ in .text("new") }
        router.get("/items/new/{part}") { _, context in .text("part=\(context.parameters["part"]!)") }
        router.get("/items/{id}/reviews") { _, context in .text("reviews of \(context.parameters["id"]!)") }
        router.get("/") { _, _ in .text("root") }
        #expect(String(decoding: try await respond(router, "/items/7").0.body, as: UTF8.self) == "id=7")
        #expect(String(decoding: try await respond(router, "/items/new").0.body, as: UTF8.self) == "new")
        #expect(String(decoding: try await respond(router, "/items/new/x").0.body, as: UTF8.self) == "part=x")
        #expect(String(decoding: try await respond(router, "/items/new/reviews").0.body, as: UTF8.self) == "part=reviews")
        #expect(String(decoding: try await respond(router, "/items/9/reviews").0.body, as: UTF8.self) == "reviews of 9")
        #expect(String(decoding: try await respond(router, "/").0.body, as: UTF8.self) == "root")
        let (missing, context) = try await respond(router, "/items/9/other")
        #expect(missing.status == .notFound)
        #expect(context.route == "unmatched")
        #expect(try await respond(router, "/items/7/").0.status == .notFound, "a trailing slash is a different path")
    }

    @Test func closuresPickTheSyncOrAsyncOverloadByThemselves() async throws {
        var router = HTTPRouter()
        router.get("/sync") { _, _ in .text("sync") }
        router.get("/async") { _, _ in
            try await Task.sleep(for: .milliseconds(1))
            return .text("async")
        }
        let table = try RouteTable.build(router.definitions).get()
        let chain = MiddlewareChain(middleware: [], observer: nil)
        for (path, ready) in [("/sync", true), ("/async", false)] {
            let request = try HTTPRequest(target: path)
            let result = chain.respond(to: request, context: table.context(for: request, remoteAddress: ""))
            #expect((result.readyResponse != nil) == ready, "\(path) runs \(ready ? "inline" : "in a task")")
            #expect(String(decoding: await result.response.body, as: UTF8.self) == String(path.dropFirst()))
        }
    }

    @Test func contextCarriesTheTemplateAndDecodedParameters() async throws {
        var router = HTTPRouter()
        router.get("/api/v1/klines/{symbol}/{interval}") { _, _ in .text("") }
        let (_, context) = try await respond(router, "/api/v1/klines/BTC%2DUSDT/1h")
        #expect(context.route == "/api/v1/klines/{symbol}/{interval}")
        #expect(context.parameters["symbol"] == "BTC-USDT")
        #expect(context.parameters["interval"] == "1h")
        #expect(context.parameters["missing"] == nil)
        #expect(Array(context.parameters).map(\.name) == ["symbol", "interval"])
    }

    @Test func methodHandling() async throws {
        var router = HTTPRouter()
        router.get("/thing") { _, _ in .text("got") }
        router.delete("/thing") { _, _ in HTTPResponse(status: .noContent) }
        let (head, _) = try await respond(router, .head, "/thing")
        #expect(head.status == .ok, "HEAD uses the GET handler")
        let (post, _) = try await respond(router, .post, "/thing")
        #expect(post.status == .methodNotAllowed)
        #expect(post.headers["Allow"] == "GET, HEAD, DELETE, OPTIONS")
        #expect(post.headers["Content-Type"] == "application/problem+json")
        let (options, _) = try await respond(router, .options, "/thing")
        #expect(options.status == .noContent)
        #expect(options.headers["allow"] == "GET, HEAD, DELETE, OPTIONS")
    }

    @Test func everyRouteProblemIsReportedAtOnce() {
        var router = HTTPRouter()
        router.get("no-slash") { _, _ in .text("") }
        router.get("/a/{id}/{id}") { _, _ in .text("") }
        router.get("/b/{}") { _, _ in .text("") }
        router.get("/c/x{id}") { _, _ in .text("") }
        router.get("/d/{id}") { _, _ in .text("") }
        router.get("/d/{name}") { _, _ in .text("") }
        router.get("/e") { _, _ in .text("") }
        router.get("/e") { _, _ in .text("") }
        router.get("/f/..") { _, _ in .text("") }
        router.on(.other, "/g") { _, _ in .text("") }
        #expect {
            _ = try HTTPServer(router: router)
        } throws: { error in
            guard let error = error as? HTTPServerError, error.code == .invalidRoute else { return false }
            let expected = [
                "route 'no-slash': a template must start with '/'",
                "route '/a/{id}/{id}': parameter '{id}' appears twice",
                "route '/b/{}': parameter '{}' must be named with letters, digits and '_'",
                "route '/c/x{id}': '{' and '}' may only wrap a whole segment, as in '/items/{id}'",
                "routes '/d/{id}' and '/d/{name}' match the same paths; use one template",
                "route '/e' has two GET handlers",
                "route '/f/..': '.' and '..' segments can never match",
                "route '/g': _OTHER is a metric label, not a method",
            ]
            return error.message == expected.joined(separator: "; ")
        }
    }

    @Test func invalidConfigurationListsEveryProblem() {
        var configuration = HTTPServer.Configuration(port: 70000, eventLoopCount: 0, maxConnections: 0)
        configuration.timeouts.idle = .zero
        configuration.limits.maxHeaderCount = 0
        #expect(throws: HTTPServerError(.invalidConfiguration, [
            "port must be in 0...65535, got 70000",
            "eventLoopCount must be in 1...256, got 0",
            "maxConnections must be at least 1, got 0",
            "maxHeaderCount must be positive, got 0",
            "the idle timeout must be positive, got 0.0 seconds",
        ].joined(separator: "; "))) {
            _ = try HTTPServer(configuration: configuration, router: HTTPRouter())
        }
    }

    @Test func middlewareRunsInOrderAndCanShortCircuit() async throws {
        var router = HTTPRouter()
        router.use { request, context, next in
            guard request.headers["Authorization"] == "Bearer ok" || context.route == "/public" else {
                throw HTTPError(.unauthorized, "send a token")
            }
            return next(request, context).map { response in
                var response = response
                response.headers.add("X-Order", "outer")
                return response
            }
        }
        router.use { request, context, next in
            next(request, context).map { response in
                var response = response
                response.headers.add("X-Order", "inner:\(context.route)")
                return response
            }
        }
        router.get("/public") { _, _ in .text("public") }
        router.get("/slow") { (_, _) async throws -> HTTPResponse in
            try await Task.sleep(for: .milliseconds(5))
            return .text("slow")
        }
        let (denied, _) = try await respond(router, "/slow")
        #expect(denied.status == .unauthorized)
        #expect(denied.headers.values(for: "X-Order").isEmpty, "the chain stopped at the first middleware")
        let (open, _) = try await respond(router, "/public")
        #expect(open.headers.values(for: "X-Order") == ["inner:/public", "outer"])

        let table = try RouteTable.build(router.definitions).get()
        let chain = MiddlewareChain(middleware: router.middleware, observer: nil)
        let request = try HTTPRequest(target: "/slow", headers: ["Authorization": "Bearer ok"])
        let result = chain.respond(to: request, context: table.context(for: request, remoteAddress: ""))
        #expect(result.readyResponse == nil, "an async handler yields a deferred result")
        let response = await result.response
        #expect(String(decoding: response.body, as: UTF8.self) == "slow")
        #expect(response.headers.values(for: "X-Order") == ["inner:/slow", "outer"], "map applies to deferred results too")
    }
}

import Foundation
@testable import lookout
import Testing

/// The OpenAPI document matches the routes the service registers, and never changes
/// between runs.
@Suite struct OpenAPIDocumentTests {
    @Test func everyRegisteredAPIRouteIsDocumentedAndEveryDocumentedOneIsRegistered() async throws {
        var settings = ServeSettings()
        settings.port = 0
        let service = try LookoutService(settings: settings, logger: nil)
        let registered = Set(service.routes.filter { $0.template.hasPrefix("/api/") }.map { "\($0.method.rawValue) \($0.template)" })
        let document = try jsonObject(OpenAPIDocument.tree(version: "test").text)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(registered == documented)
        #expect(registered.count == 6)
        #expect(document["openapi"] as? String == "3.1.0")
    }

    @Test func theDocumentIsServedAndDeterministic() async throws {
        try await withKlinesService { base, _ in
            let response = try await get(base + "/api/v1/openapi.json")
            #expect(response.status == 200)
            #expect(response.body == OpenAPIDocument.tree(version: LookoutVersion.current).text)
            #expect(OpenAPIDocument.bytes(version: "1") == OpenAPIDocument.bytes(version: "1"))
        }
    }
}

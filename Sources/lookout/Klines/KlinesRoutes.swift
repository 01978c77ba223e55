import LookoutHTTP

/// The klines API's paths and their registration on the service's router.
enum KlinesRoutes {
    static let single = "/api/v1/klines"
    static let batch = "/api/v1/klines/batch"
    static let openAPI = "/api/v1/openapi.json"
}

extension HTTPRouter {
    /// Serves `GET /api/v1/klines`, `GET /api/v1/klines/batch` through `endpoint`, and
    /// the OpenAPI document (rendered once, here).
    mutating func addKlinesRoutes(_ endpoint: KlinesEndpoint, version: String) {
        get(KlinesRoutes.single) { request, _ async in await endpoint.single(request) }
        get(KlinesRoutes.batch) { request, _ async in await endpoint.batch(request) }
        let document = OpenAPIDocument.bytes(version: version)
        get(KlinesRoutes.openAPI) { _, _ in .json(encoded: document) }
    }
}

import LookoutHTTP

/// The klines API's paths and their registration on the service's router.
enum KlinesRoutes {
    static let single = "/api/v1/klines"
    static let batch = "/api/v1/klines/batch"
    static let openAPI = "/api/v1/openapi.json"

    /// The request limits of `lookout serve`: the request line (and so the head) is long
    /// enough for a batch naming 10,000 symbols of up to 16 characters, so an oversized
    /// batch reaches its handler and is answered `400` naming `symbols` ("at most 50")
    /// instead of the parser's `414`. Longer lines still get `414`; a head this size is well
    /// under the 1 MiB a request body may already make the server buffer.
    static let requestLimits = HTTPRequestLimits(maxRequestLineLength: 192 * 1024, maxHeaderSize: 208 * 1024)
}

extension HTTPRouter {
    /// Serves `GET /api/v1/klines`, `GET /api/v1/klines/batch` through `endpoint`, and
    /// the OpenAPI document (rendered once, here).
    mutating func addKlinesRoutes(_ endpoint: KlinesEndpoint, version: String) {
        get(KlinesRoutes.single, result: { request, _ in endpoint.single(request) })
        get(KlinesRoutes.batch) { request, _ async in await endpoint.batch(request) }
        let document = OpenAPIDocument.bytes(version: version)
        get(KlinesRoutes.openAPI) { _, _ in .json(encoded: document) }
    }
}

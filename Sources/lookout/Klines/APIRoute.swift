import LookoutBybit
import LookoutHTTP

/// One `/api` route as the OpenAPI document describes it: path, summary, query
/// parameters and the statuses it can answer. ``APIRoute/all`` is the one table the
/// document is generated from; a test keeps it equal to the routes the service registers.
struct APIRoute: Sendable {
    /// A query parameter.
    struct Parameter: Sendable {
        let name: String
        let required: Bool
        /// The JSON Schema of the value (`string` or `integer`, with bounds or an enum).
        let schema: JSONTree
        let description: String
    }

    let method: HTTPMethod
    let path: String
    let operationID: String
    let summary: String
    let parameters: [Parameter]
    /// Status → description; every non-2xx one is `application/problem+json`.
    let responses: [(status: Int, description: String)]
    /// The media type and schema reference of the `200` body.
    let success: (mediaType: String, schema: JSONTree)

    /// The routes under `/api`, in document order.
    static let all: [APIRoute] = [
        APIRoute(method: .get, path: KlinesRoutes.single, operationID: "getKlines",
                 summary: "Candles of one symbol, ascending, through the cache",
                 parameters: [symbol] + shared, responses: klinesStatuses,
                 success: ("application/json", reference("KlinesResult"))),
        APIRoute(method: .get, path: KlinesRoutes.batch, operationID: "getKlinesBatch",
                 summary: "Candles of up to \(KlinesQuery.maxBatchSymbols) symbols, fetched in parallel; per-symbol errors in `errors`",
                 parameters: [symbols] + shared, responses: klinesStatuses.filter { $0.status != 404 },
                 success: ("application/json", reference("KlinesBatchResult"))),
        APIRoute(method: .get, path: KlinesRoutes.openAPI, operationID: "getOpenAPIDocument",
                 summary: "This OpenAPI 3.1 document", parameters: [], responses: [(200, "The document")],
                 success: ("application/json", .object([("type", .string("object"))]))),
        APIRoute(method: .get, path: HTTPRouter.ObservabilityPath.health, operationID: "getHealth",
                 summary: "Health: status, version, uptime and components", parameters: [],
                 responses: [(200, "ok or degraded"), (503, "down")], success: ("application/json", .object([("type", .string("object"))]))),
        APIRoute(method: .get, path: HTTPRouter.ObservabilityPath.ready, operationID: "getReadiness",
                 summary: "Readiness: 200 when serving, 503 while starting or draining", parameters: [],
                 responses: [(200, "Serving"), (503, "Starting or draining")], success: ("text/plain", .object([("type", .string("string"))]))),
        APIRoute(method: .get, path: HTTPRouter.ObservabilityPath.healthMetrics, operationID: "getHealthMetrics",
                 summary: "Prometheus metrics (OpenMetrics or text 0.0.4 by Accept), as /metrics",
                 parameters: [Parameter(name: "format", required: false, schema: .object([("type", .string("string")), ("enum", .array([.string("openmetrics"), .string("prometheus")]))]),
                                        description: "Forces an exposition format")],
                 responses: [(200, "The metrics")], success: ("text/plain", .object([("type", .string("string"))]))),
    ]

    private static let klinesStatuses: [(status: Int, description: String)] = [
        (200, "The candles"),
        (400, "A parameter is missing or wrong; `parameter` names it"),
        (404, "Bybit does not know the symbol"),
        (429, "Rate limited by this server (when rate limiting is on); see Retry-After"),
        (502, "Bybit failed (5xx, transport error, malformed answer)"),
        (503, "Bybit banned this server's IP or keeps rate-limiting it; see Retry-After"),
        (504, "Bybit did not answer in time"),
    ]

    private static let symbol = Parameter(name: "symbol", required: true, schema: .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9]{2,40}$"))]),
                                          description: "The symbol, such as BTCUSDT (upper-cased)")
    private static let symbols = Parameter(
        name: "symbols", required: true, schema: .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9]{2,40}(,[A-Za-z0-9]{2,40})*$"))]),
        description: "Comma-separated symbols, at most \(KlinesQuery.maxBatchSymbols), no duplicates")
    private static let time: JSONTree = .object([("type", .string("string")), ("examples", .array([.string("1717200000000"), .string("2024-06-01T12:30Z")]))])
    private static let shared: [Parameter] = [
        Parameter(name: "interval", required: true, schema: .object([("type", .string("string")), ("enum", .array(KlineInterval.allCases.map { JSONTree.string($0.rawValue) }))]),
                  description: "Candle length: minutes, or D, W, M"),
        Parameter(name: "category", required: false, schema: .object([("type", .string("string")), ("enum", .array([.string("spot"), .string("linear"), .string("inverse")])), ("default", .string("linear"))]),
                  description: "Bybit product category"),
        Parameter(name: "start", required: false, schema: time, description: "First candle start: milliseconds since 1970 or a UTC date-time"),
        Parameter(name: "end", required: false, schema: time, description: "Last candle start: milliseconds since 1970 or a UTC date-time; not before start"),
        Parameter(name: "limit", required: false,
                  schema: .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(KlinesQuery.maxLimit)), ("default", .integer(KlinesQuery.defaultLimit))]),
                  description: "Most candles per symbol; with start and end, the range must fit in it"),
        Parameter(name: "exclude_open", required: false, schema: .object([("type", .string("boolean")), ("default", .bool(false))]),
                  description: "Leave out the open (still changing) candle"),
    ]

    static func reference(_ name: String) -> JSONTree { .object([("$ref", .string("#/components/schemas/\(name)"))]) }
}

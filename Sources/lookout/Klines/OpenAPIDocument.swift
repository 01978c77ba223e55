import LookoutHTTP

/// The OpenAPI 3.1 document of `lookout serve`'s `/api` routes, generated from
/// ``APIRoute/all``: paths in table order, then the shared schemas. Deterministic: the
/// same build always writes the same bytes.
enum OpenAPIDocument {
    /// The document as a JSON tree.
    static func tree(version: String, routes: [APIRoute] = APIRoute.all) -> JSONTree {
        .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([
                ("title", .string("Lookout API")),
                ("version", .string(version)),
                ("description", .string("Bybit candles through a rate limiter and a candle cache, and the service's health. Errors are application/problem+json (RFC 9457).")),
            ])),
            ("paths", .object(routes.map { ($0.path, .object([($0.method.rawValue.lowercased(), operation($0))])) })),
            ("components", .object([("schemas", .object(schemas))])),
        ])
    }

    /// The encoded document (UTF-8, ends with a newline).
    static func bytes(version: String) -> [UInt8] { Array(tree(version: version).text.utf8) }

    private static func operation(_ route: APIRoute) -> JSONTree {
        var members: [(String, JSONTree)] = [("operationId", .string(route.operationID)), ("summary", .string(route.summary))]
        if !route.parameters.isEmpty {
            members.append(("parameters", .array(route.parameters.map { parameter in
                .object([("name", .string(parameter.name)), ("in", .string("query")), ("required", .bool(parameter.required)),
                         ("description", .string(parameter.description)), ("schema", parameter.schema)])
            })))
        }
        members.append(("responses", .object(route.responses.map { response in
            let content: JSONTree = response.status == 200
                ? .object([(route.success.mediaType, .object([("schema", route.success.schema)]))])
                : .object([("application/problem+json", .object([("schema", APIRoute.reference("Problem"))]))])
            var members: [(String, JSONTree)] = [("description", .string(response.description)), ("content", content)]
            if response.status == 429 || response.status == 503 {
                members.append(("headers", .object([("Retry-After", .object([
                    ("description", .string("Seconds to wait before retrying")), ("schema", .object([("type", .string("integer"))])),
                ]))])))
            }
            return (String(response.status), .object(members))
        })))
        return .object(members)
    }

    private static func type(_ name: String) -> JSONTree { .object([("type", .string(name))]) }
    private static let decimal: JSONTree = .object([("type", .string("string")), ("description", .string("Exact decimal as Bybit sent it"))])

    private static let schemas: [(String, JSONTree)] = [
        ("Candle", .object([
            ("type", .string("object")),
            ("required", .array(["start", "open", "high", "low", "close", "volume", "turnover", "closed"].map(JSONTree.string))),
            ("properties", .object([
                ("start", .object([("type", .string("integer")), ("description", .string("Start time, milliseconds since 1970 (UTC)"))])),
                ("open", decimal), ("high", decimal), ("low", decimal), ("close", decimal), ("volume", decimal), ("turnover", decimal),
                ("closed", .object([("type", .string("boolean")), ("description", .string("false for the open candle, which still changes"))])),
            ])),
        ])),
        ("KlinesResult", .object([
            ("type", .string("object")),
            ("required", .array(["symbol", "category", "interval", "source", "candles"].map(JSONTree.string))),
            ("properties", .object([
                ("symbol", type("string")), ("category", type("string")), ("interval", type("string")),
                ("source", .object([
                    ("type", .string("object")),
                    ("description", .string("Where the candles came from: the cache, or Bybit during this request")),
                    ("properties", .object([("cache", type("integer")), ("upstream", type("integer")), ("upstream_requests", type("integer"))])),
                ])),
                ("candles", .object([("type", .string("array")), ("items", APIRoute.reference("Candle"))])),
            ])),
        ])),
        ("KlinesBatchResult", .object([
            ("type", .string("object")),
            ("required", .array(["category", "interval", "results", "errors"].map(JSONTree.string))),
            ("properties", .object([
                ("category", type("string")), ("interval", type("string")),
                ("results", .object([("type", .string("array")), ("items", APIRoute.reference("KlinesResult"))])),
                ("errors", .object([("type", .string("array")), ("items", .object([
                    ("type", .string("object")),
                    ("properties", .object([("symbol", type("string")), ("status", type("integer")), ("title", type("string")), ("detail", type("string"))])),
                ]))])),
            ])),
        ])),
        ("Problem", .object([
            ("type", .string("object")),
            ("description", .string("RFC 9457 problem details; `parameter` names the wrong query parameter of a 400")),
            ("properties", .object([
                ("type", type("string")), ("title", type("string")), ("status", type("integer")), ("detail", type("string")),
                ("parameter", type("string")), ("upstream_error", type("string")),
            ])),
        ])),
    ]
}

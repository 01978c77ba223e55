/// What the server knows about a request beyond its bytes: the matched route template,
/// path parameters and the client's address.
///
/// ``route`` is the template a route was registered with (`/api/v1/klines/{symbol}`),
/// never the raw path, so it is safe as a metric label; requests that match no route
/// report ``unmatchedRoute``. A value type; `Sendable`.
public struct HTTPRequestContext: Sendable {
    /// The route label for requests that match no route template: `"unmatched"`.
    public static let unmatchedRoute = "unmatched"

    /// The matched route template, or ``unmatchedRoute``.
    public let route: String
    /// Path parameters captured by the template's `{name}` segments, percent-decoded.
    public let parameters: HTTPRouteParameters
    /// The client's address and port, for example `127.0.0.1:52114` or `[::1]:52114`.
    public let remoteAddress: String
    /// The matched endpoint (handlers by method), `nil` when unmatched.
    let endpoint: RouteEndpoint?

    /// A context for unit-testing handlers and middleware without a server.
    public init(route: String = HTTPRequestContext.unmatchedRoute, parameters: HTTPRouteParameters = HTTPRouteParameters(), remoteAddress: String = "127.0.0.1:0") {
        self.init(route: route, parameters: parameters, remoteAddress: remoteAddress, endpoint: nil)
    }

    init(route: String, parameters: HTTPRouteParameters, remoteAddress: String, endpoint: RouteEndpoint?) {
        self.route = route
        self.parameters = parameters
        self.remoteAddress = remoteAddress
        self.endpoint = endpoint
    }
}

/// Values captured by a route template's `{name}` segments.
///
/// For the template `/api/v1/klines/{symbol}` and the path `/api/v1/klines/BTC%2DUSDT`,
/// `parameters["symbol"]` is `"BTC-USDT"`.
public struct HTTPRouteParameters: Sendable, Hashable, Sequence {
    /// One captured parameter.
    public struct Parameter: Sendable, Hashable {
        /// The name between the braces in the template.
        public let name: String
        /// The decoded path segment.
        public let value: String
    }

    private let names: [String]
    private let values: [String]

    /// No parameters.
    public init() {
        names = []
        values = []
    }

    /// Parameters with the given names and values (the two arrays must be the same length).
    public init(names: [String], values: [String]) {
        precondition(names.count == values.count, "every parameter name needs exactly one value")
        self.names = names
        self.values = values
    }

    /// The value captured for `name`, or `nil` if the template has no such parameter.
    public subscript(name: String) -> String? {
        guard let index = names.firstIndex(of: name) else { return nil }
        return values[index]
    }

    /// Whether nothing was captured.
    public var isEmpty: Bool { names.isEmpty }

    /// Iterates over the parameters in template order.
    public func makeIterator() -> AnyIterator<Parameter> {
        var index = 0
        return AnyIterator { [names, values] in
            guard index < names.count else { return nil }
            defer { index += 1 }
            return Parameter(name: names[index], value: values[index])
        }
    }
}

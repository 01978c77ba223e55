/// The compiled, immutable routing trie built from an ``HTTPRouter``.
///
/// Matching walks decoded path segments; at each level a literal child is tried before
/// the parameter child, with backtracking, so `/items/new` beats `/items/{id}` and both
/// coexist. Cost is proportional to the number of segments, not of routes.
final class RouteTable: Sendable {
    private let root: RouteNode

    init(root: RouteNode) { self.root = root }

    /// The context for `request`: its route template and parameters, or unmatched.
    func context(for request: HTTPRequest, remoteAddress: String) -> HTTPRequestContext {
        var values: [String] = []
        guard let endpoint = Self.walk(root, request.pathSegments, 0, &values) else {
            return HTTPRequestContext(
                route: HTTPRequestContext.unmatchedRoute, parameters: HTTPRouteParameters(),
                remoteAddress: remoteAddress, endpoint: nil)
        }
        return HTTPRequestContext(
            route: endpoint.template,
            parameters: values.isEmpty ? HTTPRouteParameters() : HTTPRouteParameters(names: endpoint.parameterNames, values: values),
            remoteAddress: remoteAddress, endpoint: endpoint)
    }

    private static func walk(_ node: RouteNode, _ segments: [String], _ index: Int, _ values: inout [String]) -> RouteEndpoint? {
        guard index < segments.count else { return node.endpoint }
        if let child = node.literals[segments[index]], let found = walk(child, segments, index + 1, &values) {
            return found
        }
        if let child = node.parameter {
            values.append(segments[index])
            if let found = walk(child, segments, index + 1, &values) { return found }
            values.removeLast()
        }
        return nil
    }

    /// Builds the table, or reports every problem found in the definitions at once.
    static func build(_ definitions: [HTTPRouter.Definition]) -> Result<RouteTable, HTTPServerError> {
        var problems: [String] = []
        var groups: [[String?]: (template: RouteTemplate, handlers: [(HTTPMethod, RouteHandler)])] = [:]
        var order: [[String?]] = []
        for definition in definitions {
            let template: RouteTemplate
            switch RouteTemplate.parse(definition.template) {
            case .success(let parsed): template = parsed
            case .failure(let error):
                problems.append(error.message)
                continue
            }
            guard definition.method != .other else {
                problems.append("route '\(definition.template)': _OTHER is a metric label, not a method")
                continue
            }
            guard var group = groups[template.shape] else {
                groups[template.shape] = (template, [(definition.method, definition.handler)])
                order.append(template.shape)
                continue
            }
            if group.template.text != template.text {
                problems.append("routes '\(group.template.text)' and '\(template.text)' match the same paths; use one template")
            } else if group.handlers.contains(where: { $0.0 == definition.method }) {
                problems.append("route '\(template.text)' has two \(definition.method) handlers")
            } else {
                group.handlers.append((definition.method, definition.handler))
                groups[template.shape] = group
            }
        }
        guard problems.isEmpty else {
            return .failure(HTTPServerError(.invalidRoute, problems.joined(separator: "; ")))
        }
        let builder = RouteNodeBuilder()
        for shape in order {
            guard let group = groups[shape] else { continue }
            builder.insert(group.template.segments[...], RouteEndpoint(template: group.template, handlers: group.handlers))
        }
        return .success(RouteTable(root: builder.freeze()))
    }
}

/// One level of the routing trie. Immutable.
final class RouteNode: Sendable {
    let literals: [String: RouteNode]
    let parameter: RouteNode?
    let endpoint: RouteEndpoint?

    init(literals: [String: RouteNode], parameter: RouteNode?, endpoint: RouteEndpoint?) {
        self.literals = literals
        self.parameter = parameter
        self.endpoint = endpoint
    }
}

/// The mutable trie used while building; frozen into ``RouteNode``s.
private final class RouteNodeBuilder {
    var literals: [String: RouteNodeBuilder] = [:]
    var parameter: RouteNodeBuilder?
    var endpoint: RouteEndpoint?

    func insert(_ segments: ArraySlice<RouteTemplate.Segment>, _ endpoint: RouteEndpoint) {
        guard let first = segments.first else {
            self.endpoint = endpoint
            return
        }
        let child: RouteNodeBuilder
        switch first {
        case .literal(let text):
            child = literals[text] ?? RouteNodeBuilder()
            literals[text] = child
        case .parameter:
            child = parameter ?? RouteNodeBuilder()
            parameter = child
        }
        child.insert(segments.dropFirst(), endpoint)
    }

    func freeze() -> RouteNode {
        RouteNode(literals: literals.mapValues { $0.freeze() }, parameter: parameter?.freeze(), endpoint: endpoint)
    }
}

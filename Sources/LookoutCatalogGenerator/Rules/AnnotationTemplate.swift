import LookoutCatalog

/// Renders alert annotation templates the way Prometheus does for the subset the
/// generator can predict: `{{ $labels.<name> }}` (and `{{ .Labels.<name> }}`), so rule
/// tests can state the exact annotations promtool will see.
enum AnnotationTemplate {
    /// Why a template cannot be rendered ahead of time.
    struct Failure: Error, Sendable, Hashable {
        let message: String
    }

    /// `template` with every label placeholder replaced from `labels`.
    static func render(_ template: String, labels: [String: String]) -> Result<String, Failure> {
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return .failure(Failure(message: "'{{' without a closing '}}' in '\(template)'"))
            }
            let action = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
            let name: Substring
            if action.hasPrefix("$labels.") {
                name = action.dropFirst(8)
            } else if action.hasPrefix(".Labels.") {
                name = action.dropFirst(8)
            } else {
                return .failure(Failure(message: "'{{ \(action) }}' depends on the evaluated value; give the rendered text in the test's annotations:"))
            }
            guard let value = labels[String(name)] else {
                return .failure(Failure(message: "'{{ \(action) }}' names label '\(name)', which the firing alert does not carry (labels: \(labels.keys.sorted().joined(separator: ", ")))"))
            }
            output += value
            rest = rest[close.upperBound...]
        }
        return .success(output + rest)
    }
}

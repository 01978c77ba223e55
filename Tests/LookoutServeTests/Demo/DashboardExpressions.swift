import Foundation

/// Every query of the generated Grafana dashboards: each panel's `targets[].expr` (rows,
/// collapsed rows' `panels` included) and each query variable's `label_values(…)`, with
/// Grafana's variables substituted the way Grafana would for the time range queried.
struct DashboardExpressions {
    /// One query and where it came from.
    struct Query: Hashable {
        /// `http.json › Requests › Request rate` or `http.json › $instance`.
        let source: String
        /// The expression as the dashboard holds it.
        let raw: String
        /// What Grafana sends to Prometheus.
        let expression: String
    }

    /// A variable reference no substitution is known for.
    struct UnknownVariable: Error, CustomStringConvertible {
        let name: String
        let source: String
        var description: String { "\(source) uses the variable $\(name), which the test does not know how to substitute" }
    }

    /// The panel queries and the variable queries of `files`.
    let panels: [Query]
    let variables: [Query]

    /// Reads `files` and substitutes the variables: `$__rate_interval` as Grafana computes
    /// it (max(4 × scrape interval, step + scrape interval)), `$__interval` = `step`,
    /// `$__range` = `range`, and `.+` (the variables' `allValue`, "All" selected) for
    /// `$job`, `$instance` and any other query variable.
    init(files: [URL], step: Int, scrapeInterval: Int, range: Int) throws {
        let rateInterval = max(4 * scrapeInterval, step + scrapeInterval)
        var panels: [Query] = []
        var variables: [Query] = []
        var known: [String: String] = [
            "__rate_interval": "\(rateInterval)s", "__interval": "\(step)s", "__interval_ms": "\(step * 1000)",
            "__range": "\(range)s", "__range_s": "\(range)", "__range_ms": "\(range * 1000)",
        ]
        var pending: [(source: String, raw: String, isVariable: Bool)] = []
        for file in files {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] ?? [:]
            let name = file.lastPathComponent
            for variable in (object["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? [] {
                let variableName = variable["name"] as? String ?? "?"
                switch variable["type"] as? String {
                case "datasource": known[variableName] = "prometheus"
                case "query":
                    known[variableName] = variable["allValue"] as? String ?? ".+"
                    let query = (variable["query"] as? String) ?? ((variable["query"] as? [String: Any])?["query"] as? String) ?? ""
                    pending.append(("\(name) › $\(variableName)", query, true))
                default: known[variableName] = variable["allValue"] as? String ?? ".+"
                }
            }
            func walk(_ list: [[String: Any]], row: String) {
                for panel in list {
                    let title = panel["title"] as? String ?? "untitled"
                    if panel["type"] as? String == "row" {
                        walk(panel["panels"] as? [[String: Any]] ?? [], row: title)
                        continue
                    }
                    for target in panel["targets"] as? [[String: Any]] ?? [] {
                        guard let expr = target["expr"] as? String else { continue }
                        pending.append(("\(name) › \(row) › \(title) [\(target["refId"] as? String ?? "?")]", expr, false))
                    }
                    walk(panel["panels"] as? [[String: Any]] ?? [], row: row)
                }
            }
            walk(object["panels"] as? [[String: Any]] ?? [], row: "-")
        }
        for item in pending {
            let expression = try Self.substitute(item.raw, known: known, source: item.source)
            let query = Query(source: item.source, raw: item.raw, expression: expression)
            if item.isVariable { variables.append(query) } else { panels.append(query) }
        }
        self.panels = panels
        self.variables = variables
    }

    /// Replaces `$name`, `${name}`, `${name:format}` and `[[name]]` with `known[name]`.
    static func substitute(_ text: String, known: [String: String], source: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: #"\$\{([A-Za-z0-9_]+)(?::[A-Za-z]+)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)\]\]"#)
        var result = ""
        var last = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            let name = (1...3).lazy.compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }.first ?? ""
            guard let value = known[name] else { throw UnknownVariable(name: name, source: source) }
            result += text[last..<range.lowerBound] + value
            last = range.upperBound
        }
        return result + text[last...]
    }

    /// `label_values(selector, label)` split into its selector and label (`label_values(label)`
    /// has no selector).
    static func labelValues(_ query: String) -> (selector: String?, label: String)? {
        guard query.hasPrefix("label_values("), query.hasSuffix(")") else { return nil }
        let inner = query.dropFirst("label_values(".count).dropLast()
        guard let comma = inner.lastIndex(of: ",") else { return (nil, inner.trimmingCharacters(in: .whitespaces)) }
        return (String(inner[..<comma]).trimmingCharacters(in: .whitespaces), inner[inner.index(after: comma)...].trimmingCharacters(in: .whitespaces))
    }
}

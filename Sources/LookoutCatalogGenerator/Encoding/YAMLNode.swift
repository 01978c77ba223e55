import LookoutCatalog

/// A YAML document tree whose mappings keep their insertion order, rendered by
/// ``YAMLWriter``.
///
/// Order is meaningful in rule files (`record`/`alert` first, then `expr`, `for`,
/// `labels`, `annotations`), so mappings are ordered lists, not dictionaries; callers that
/// want sorted keys (labels, annotations) sort them when building the node.
indirect enum YAMLNode: Sendable, Hashable {
    /// A string, written plain when that is unambiguous and quoted otherwise.
    case string(String)
    /// A number or boolean written verbatim (the caller guarantees it is one).
    case raw(String)
    case sequence([YAMLNode])
    case mapping([Entry])

    /// One `key: value` pair of a mapping.
    struct Entry: Sendable, Hashable {
        let key: String
        let value: YAMLNode
        init(_ key: String, _ value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// A mapping of string values with keys sorted, as labels and annotations are written.
    static func sortedStrings(_ dictionary: [String: String]) -> YAMLNode {
        .mapping(dictionary.keys.sorted().map { Entry($0, .string(dictionary[$0]!)) })
    }

    /// A sequence of strings.
    static func strings(_ values: [String]) -> YAMLNode {
        .sequence(values.map(YAMLNode.string))
    }
}

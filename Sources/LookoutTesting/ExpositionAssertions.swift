import Lookout
import Testing

/// Asserts that `registry` renders exactly `expected` in `format`, recording a Swift
/// Testing issue with a line-by-line diff otherwise.
///
/// Pass `families` to compare only those families (by family name, e.g. `http_requests`
/// for `http_requests_total`), so a test is not coupled to unrelated metrics. `_created`
/// timestamps are left out unless `options` asks for them (they are wall-clock times).
///
/// ```swift
/// expectExposition(registry, families: ["jobs"], equals: """
///     # HELP jobs_total Jobs processed.
///     # TYPE jobs_total counter
///     jobs_total{queue="emails"} 3
///
///     """)
/// ```
public func expectExposition(
    _ registry: Registry,
    format: ExpositionFormat = .prometheusText,
    options: ExpositionOptions = ExpositionOptions(),
    families: Set<String>? = nil,
    equals expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = exposition(of: registry, format: format, options: options, families: families)
    guard actual != expected else { return }
    Issue.record(Comment(rawValue: "exposition differs:\n" + lineDiff(expected: expected, actual: actual)), sourceLocation: sourceLocation)
}

/// The exposition of `registry`, optionally restricted to some families.
public func exposition(of registry: Registry, format: ExpositionFormat, options: ExpositionOptions = ExpositionOptions(),
                       families: Set<String>? = nil) -> String {
    let text = String(decoding: registry.exposition(format: format, options: options), as: UTF8.self)
    guard let families else { return text }
    var kept: [Substring] = []
    var current: String?
    var keeping = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("# "), line != "# EOF" {
            // A metadata line naming a different family starts that family's block.
            let name = familyName(fromMetadataName: String(line.split(separator: " ")[2]))
            if name != current {
                current = name
                keeping = families.contains(name)
            }
        } else if line == "# EOF" || line.isEmpty {
            keeping = true
        }
        if keeping { kept.append(line) }
    }
    return kept.joined(separator: "\n")
}

private func familyName(fromMetadataName name: String) -> String {
    for suffix in ["_total", "_info"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
    return name
}

/// A minimal line diff: `-` for expected lines missing, `+` for unexpected lines, in order.
func lineDiff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    // Longest common subsequence table; expositions in tests are small.
    var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
        for j in stride(from: new.count - 1, through: 0, by: -1) {
            table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
        }
    }
    var lines: [String] = []
    var i = 0, j = 0
    while i < old.count || j < new.count {
        if i < old.count, j < new.count, old[i] == new[j] {
            lines.append("  " + old[i]); i += 1; j += 1
        } else if j < new.count, i == old.count || table[i][j + 1] >= table[i + 1][j] {
            lines.append("+ " + new[j]); j += 1
        } else {
            lines.append("- " + old[i]); i += 1
        }
    }
    return lines.joined(separator: "\n")
}

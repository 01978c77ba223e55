/// How an output folder differs from what the generator would write; empty when it is
/// up to date. CI runs the plugins with `--check` and fails on a non-empty report.
public struct DriftReport: Sendable, Hashable, CustomStringConvertible {
    /// One differing file.
    public struct Entry: Sendable, Hashable {
        /// The kind of difference.
        public enum Change: Sendable, Hashable {
            /// Would be generated but does not exist.
            case missing
            /// Exists with other contents; the summary says where and how much.
            case changed(String)
            /// Generated earlier, no longer generated.
            case stale
        }
        /// The path relative to the folder.
        public let path: String
        /// The difference.
        public let change: Change
    }

    /// The folder checked.
    public let folder: String
    /// What it holds.
    public let kind: OutputFolder.Kind
    /// The differences, generated files first, then stale ones.
    public let entries: [Entry]

    /// Whether the folder is up to date.
    public var isClean: Bool { entries.isEmpty }

    /// A summary: one line per file and the command that fixes it.
    public var description: String {
        guard !isClean else { return "\(folder) is up to date" }
        var lines = ["\(folder) is out of date with the metric catalogs (\(entries.count) file\(entries.count == 1 ? "" : "s")):"]
        for entry in entries {
            switch entry.change {
            case .missing: lines.append("  missing  \(entry.path)")
            case .changed(let summary): lines.append("  changed  \(entry.path): \(summary)")
            case .stale: lines.append("  stale    \(entry.path) (no longer generated)")
            }
        }
        let verb = kind == .dashboards ? "generate-dashboards" : "generate-alerts"
        lines.append("Regenerate with `swift package --allow-writing-to-package-directory \(verb)` and commit the result.")
        return lines.joined(separator: "\n")
    }
}

/// A short line-level summary of how two texts differ: the first differing line and the
/// size of the changed block between the common head and tail.
enum LineDiff {
    static func summary(expected: String, found: String) -> String {
        let new = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let old = found.split(separator: "\n", omittingEmptySubsequences: false)
        var head = 0
        while head < new.count, head < old.count, new[head] == old[head] { head += 1 }
        var tail = 0
        while tail < new.count - head, tail < old.count - head, new[new.count - 1 - tail] == old[old.count - 1 - tail] { tail += 1 }
        let added = new.count - head - tail
        let removed = old.count - head - tail
        func excerpt(_ lines: [Substring], _ index: Int) -> String {
            guard index < lines.count else { return "end of file" }
            let line = lines[index].trimmingSpaces()
            return "`" + (line.count > 80 ? String(line.prefix(77)) + "..." : line) + "`"
        }
        return "from line \(head + 1), \(removed) line\(removed == 1 ? "" : "s") on disk replaced by \(added) generated (expected \(excerpt(new, head)), found \(excerpt(old, head)))"
    }
}

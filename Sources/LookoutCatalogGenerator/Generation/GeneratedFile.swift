import LookoutCatalog

/// One generated file: its path relative to the output folder and its full text.
public struct GeneratedFile: Sendable, Hashable {
    /// The path below the output folder, with `/` separators (`tests/http-test.yaml`).
    public let path: String
    /// The complete file contents, ending in a newline.
    public let contents: String

    /// A file at `path` with `contents`.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

import LookoutCatalog

/// Why generation failed: an invalid catalog (with every problem), bad arguments, an
/// output folder holding files the generator does not own, or an I/O failure.
///
/// When generation throws, nothing has been written.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of generation errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case invalidCatalog, invalidArguments, foreignFile, ioFailure
        }
        fileprivate let kind: Kind

        /// The catalogs have problems; see ``CatalogError/problems``.
        public static let invalidCatalog = Code(kind: .invalidCatalog)
        /// The command line was not understood.
        public static let invalidArguments = Code(kind: .invalidArguments)
        /// The output folder holds a file the generator would own (a `*.json` dashboard,
        /// a `*.rules.yml` file, ...) that it did not generate.
        public static let foreignFile = Code(kind: .foreignFile)
        /// Reading or writing a file failed.
        public static let ioFailure = Code(kind: .ioFailure)

        /// The code's name, such as `invalidCatalog`.
        public var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong and how to fix it.
    public let message: String
    /// Every catalog problem (for ``Code/invalidCatalog``).
    public let problems: [CatalogProblem]

    /// An error of `code`.
    public init(_ code: Code, _ message: String, problems: [CatalogProblem] = []) {
        self.code = code
        self.message = message
        self.problems = problems
    }

    /// The message followed by one line per problem.
    public var description: String {
        ([message] + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}

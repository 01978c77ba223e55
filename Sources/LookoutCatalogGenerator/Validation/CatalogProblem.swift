import LookoutCatalog

/// One problem found in a catalog: which catalog and declaration, what is wrong and how
/// to fix it.
///
/// ``CatalogSet/problems()`` returns all of them at once, so a module author fixes
/// everything in one pass, for example:
/// `http: metric 'http_request_duration_ms': unit 'seconds' requires the name to end in '_seconds'; ...`.
public struct CatalogProblem: Sendable, Hashable, CustomStringConvertible {
    /// The module of the catalog (empty for problems of the whole set).
    public let catalog: String
    /// What the problem is about, such as `metric 'http_requests_total'` or
    /// `alert 'HTTPErrorsHigh'`.
    public let subject: String
    /// What is wrong and how to fix it.
    public let message: String

    /// A problem about `subject` in `catalog`.
    public init(catalog: String, subject: String, message: String) {
        self.catalog = catalog
        self.subject = subject
        self.message = message
    }

    /// `<catalog>: <subject>: <message>`.
    public var description: String {
        (catalog.isEmpty ? "" : catalog + ": ") + subject + ": " + message
    }
}

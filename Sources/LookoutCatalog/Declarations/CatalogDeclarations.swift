/// A namespace of metric declarations with the catalog that lists them, such as
/// `HTTPMetrics` or `BybitMetrics`: the input of ``CatalogMetrics``.
///
/// Conform the namespace (usually an `enum` of `static let` declarations) by naming its
/// ``catalog``; then ``CatalogMetrics`` builds the live metrics from that one list, and
/// adding a metric is its declaration, its entry in the catalog and its use.
public protocol CatalogDeclarations {
    /// The catalog listing every declaration of this namespace.
    static var catalog: MetricCatalog { get }
}

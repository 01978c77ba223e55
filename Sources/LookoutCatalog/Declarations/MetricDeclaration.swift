import Lookout

/// A declared metric family: what it is (``DeclaredMetric``) and how to select its series
/// in PromQL.
///
/// ``CounterDeclaration``, ``GaugeDeclaration``, ``HistogramDeclaration``,
/// ``InfoDeclaration`` and ``StateSetDeclaration`` conform; each also registers its live
/// family in a `Registry`, so the name is written once.
public protocol MetricDeclaration: SelectorConvertible, Hashable {
    /// The live family registration returns (`CounterFamily`, `HistogramFamily`, ...).
    associatedtype Family

    /// The declaration's contents.
    var metric: DeclaredMetric { get }

    /// Registers the live family in `registry`, or returns the identical one already
    /// registered.
    ///
    /// - Throws: `MetricError` if the declaration is invalid or conflicts with a
    ///   registered family of the same name.
    func register(in registry: Registry) throws(MetricError) -> Family
}

extension MetricDeclaration {
    /// The family name (no `_total`/`_info` suffix).
    public var name: String { metric.familyName }

    /// A selector of all of this family's series.
    public var selector: SeriesSelector { SeriesSelector(metric: metric) }

    /// A selector of the series whose `label` satisfies `match`, for ratios, SLOs and
    /// alert expressions: `requests.matching("code", .regex("5.."))`.
    public func matching(_ label: String, _ match: LabelMatch) -> SeriesSelector {
        selector.matching(label, match)
    }
}

/// Anything that selects series of one declared metric: a declaration (all its series)
/// or a ``SeriesSelector`` (some of them).
public protocol SelectorConvertible: Sendable {
    /// The selector.
    var selector: SeriesSelector { get }
}

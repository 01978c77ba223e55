/// A source of metrics computed at scrape time, such as values read from the operating
/// system or another library's counters.
///
/// Declare every family you will produce in ``descriptors``: the registry checks them for
/// conflicts when the collector is registered, and at scrape time keeps only snapshots
/// whose descriptor is one of them. ``collect()`` runs on the scraping thread for every
/// scrape: keep it fast and do not block on I/O you do not control.
public protocol Collector: Sendable {
    /// The families this collector produces.
    var descriptors: [MetricDescriptor] { get }
    /// The current values of those families.
    func collect() -> [MetricFamilySnapshot]
}

/// Identifies a registered collector, for ``Registry/unregister(_:)-(CollectorRegistration)``.
public struct CollectorRegistration: Sendable, Hashable {
    let id: Int
}

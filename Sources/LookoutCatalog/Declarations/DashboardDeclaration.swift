/// One generated Grafana dashboard of a catalog: its file name, title and uid.
///
/// A catalog without dashboards gets one named after its module. Panels choose their
/// dashboard with ``Chart/dashboard``; an `overview` dashboard also gets a row summarising
/// every SLO of every catalog and links to the other dashboards.
public struct DashboardDeclaration: Sendable, Hashable {
    /// The file name without `.json` (`bybit_performance`); `[a-z0-9_-]`, unique across
    /// catalogs.
    public let file: String
    /// The dashboard title.
    public let title: String
    /// The Grafana uid (at most 40 characters, unique across catalogs).
    public let uid: String
    /// Extra tags (every dashboard is tagged `lookout`).
    public let tags: [String]
    /// Whether this dashboard is the overview (SLO summary of all catalogs).
    public let isOverview: Bool

    /// A dashboard written to `dashboards/<file>.json`.
    ///
    /// - Parameters:
    ///   - file: The file name without `.json`.
    ///   - title: The dashboard title.
    ///   - uid: By default `lookout-<file>` with `_` as `-`.
    ///   - tags: Extra tags besides `lookout` and the module.
    ///   - overview: Whether to add the SLO summary of every catalog.
    public init(_ file: String, title: String, uid: String? = nil, tags: [String] = [], overview: Bool = false) {
        self.file = file
        self.title = title
        self.uid = uid ?? "lookout-" + file.replacingUnderscores()
        self.tags = tags
        self.isOverview = overview
    }
}

import Foundation
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

/// Generated output written to a fresh temporary folder, for the external validators.
struct GeneratedTree {
    let root: URL
    var dashboards: URL { root.appendingPathComponent("dashboards") }
    var alerts: URL { root.appendingPathComponent("alerts") }

    /// Writes `set`'s dashboards and alerts under a new temporary folder.
    static func write(_ set: CatalogSet) throws -> GeneratedTree {
        let tree = GeneratedTree(root: try RepositoryPaths.temporaryDirectory(prefix: "lookout-catalog"))
        try OutputFolder(path: tree.dashboards.path, kind: .dashboards).write(set.dashboardFiles())
        try OutputFolder(path: tree.alerts.path, kind: .alerts).write(set.alertFiles())
        return tree
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// The files below `folder` with `suffix`, sorted.
    func files(in folder: URL, suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }
            .sorted { $0.path < $1.path }
    }
}

/// The sets whose output the tests validate: the shop fixture and the root package's own.
enum GeneratedSets {
    static let root = CatalogSet([ProcessMetrics.catalog], runbookBaseURL: "https://example.com/runbooks")
    static let all: [CatalogSet] = [ShopFixture.set, root]
}

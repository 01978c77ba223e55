import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

/// The whole generated output of the shop fixture, compared byte for byte with the files
/// under Golden/. After an intended change, regenerate them with
/// `LOOKOUT_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite("Golden output")
struct GoldenTests {
    static let folder = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["LOOKOUT_UPDATE_GOLDEN"] == "1"

    static func files() throws -> [GeneratedFile] {
        try ShopFixture.set.dashboardFiles().map { GeneratedFile(path: "dashboards/" + $0.path, contents: $0.contents) }
            + ShopFixture.set.alertFiles().map { GeneratedFile(path: "alerts/" + $0.path, contents: $0.contents) }
    }

    @Test("the generated file list")
    func fileList() throws {
        #expect(try Self.files().map(\.path) == [
            "dashboards/overview.json", "dashboards/shop.json", "dashboards/shop_payments.json",
            "dashboards/provisioning/dashboards.yaml", "dashboards/provisioning/datasources.yaml",
            "alerts/process.rules.yml", "alerts/tests/process-test.yaml", "alerts/runbooks/process.md",
            "alerts/shop.rules.yml", "alerts/tests/shop-test.yaml", "alerts/runbooks/shop.md",
            "alerts/alertmanager.yml",
        ])
    }

    @Test("every generated file equals its golden file", arguments: try GoldenTests.files().map(\.path))
    func golden(_ path: String) throws {
        let file = try #require(try Self.files().first { $0.path == path })
        let url = Self.folder.appendingPathComponent(path)
        if Self.updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(file.contents == golden, "\(path) differs from Golden/\(path): \(LineDiff.summary(expected: golden, found: file.contents))")
    }

    @Test("generation is deterministic")
    func deterministic() throws {
        #expect(try Self.files() == Self.files())
    }
}

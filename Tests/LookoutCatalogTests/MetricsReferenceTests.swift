import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

/// The generated metrics reference (`docs/metrics.md`): the shop fixture's whole page equals
/// Golden/docs/metrics.md, and the `reference` command writes it, checks it and reports
/// drift like the dashboards. After an intended change, regenerate the golden file with
/// `LOOKOUT_UPDATE_GOLDEN=1 swift test --filter MetricsReferenceTests` and review the diff.
@Suite("Metrics reference")
struct MetricsReferenceTests {
    static let golden = GoldenTests.folder.appendingPathComponent("docs/metrics.md")

    @Test("the shop fixture's reference equals its golden file")
    func goldenPage() throws {
        let files = try ShopFixture.set.referenceFiles()
        #expect(files.map(\.path) == ["metrics.md"])
        let page = try #require(files.first).contents
        if GoldenTests.updating {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(page.utf8).write(to: Self.golden)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(page == expected, "metrics.md differs from Golden/docs/metrics.md: \(LineDiff.summary(expected: expected, found: page))")
    }

    @Test("generation is deterministic")
    func deterministic() throws {
        #expect(try ShopFixture.set.referenceFiles() == ShopFixture.set.referenceFiles())
    }

    @Test("usage follows recording rules: an alert on a recorded ratio reads both of its metrics")
    func usageThroughRecordings() {
        let usage = MetricUsage(ShopFixture.set)
        #expect(usage["shop_requests"] == MetricUsage.Users(
            alerts: ["ShopAvailabilityErrorBudgetBurn", "ShopErrorsHigh"],
            recordings: ["job:shop_requests:rate5m", "job:shop_request_errors:ratio_rate5m"],
            objectives: ["shop_availability"]))
        #expect(usage["shop_requests_in_flight"] == MetricUsage.Users())
    }

    @Test("reference then --check: written, up to date, then drift names the file and the command")
    func commandRoundTrip() throws {
        let url = try RepositoryPaths.temporaryDirectory(prefix: "lookout-reference")
        defer { try? FileManager.default.removeItem(at: url) }
        let out = url.appendingPathComponent("docs").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "hand-written\n".write(toFile: out + "/guide.md", atomically: true, encoding: .utf8)
        #expect(CatalogCommand.run(["reference", "--output", out], catalogs: ShopFixture.set)
            == .init(exitCode: 0, output: "\(out): 1 created, 0 updated, 0 unchanged, 0 deleted\n", errors: ""))
        #expect(CatalogCommand.run(["reference", "--output", out, "--check"], catalogs: ShopFixture.set)
            == .init(exitCode: 0, output: "\(out): 1 file up to date\n", errors: ""))
        let fewer = CatalogSet([ShopFixture.catalog], runbookBaseURL: "https://example.com/rb")
        let drift = CatalogCommand.run(["reference", "--check", "--output", out], catalogs: fewer)
        #expect(drift.exitCode == 1)
        #expect(drift.errors.hasPrefix("\(out) is out of date with the metric catalogs (1 file):\n  changed  metrics.md: from line 5,"))
        #expect(drift.errors.hasSuffix("Regenerate with the catalog executable's `reference` command (`swift run <name>-catalog reference`) and commit the result.\n"))
        #expect(try String(contentsOfFile: out + "/guide.md", encoding: .utf8) == "hand-written\n")
    }
}

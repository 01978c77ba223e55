import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

@Suite("Catalog command line")
struct CatalogCommandTests {
    @Test("dashboards then --check: written, then up to date; a stale file makes --check fail")
    func roundTrip() throws {
        let url = try RepositoryPaths.temporaryDirectory(prefix: "lookout-command")
        defer { try? FileManager.default.removeItem(at: url) }
        let out = url.appendingPathComponent("dashboards").path
        let written = CatalogCommand.run(["dashboards", "--output", out, "--verbose"], catalogs: ShopFixture.set)
        #expect(written == .init(exitCode: 0, output: """
            \(out): 5 created, 0 updated, 0 unchanged, 0 deleted
              created    overview.json
              created    shop.json
              created    shop_payments.json
              created    provisioning/dashboards.yaml
              created    provisioning/datasources.yaml

            """, errors: ""))
        #expect(CatalogCommand.run(["dashboards", "--output", out, "--check"], catalogs: ShopFixture.set)
            == .init(exitCode: 0, output: "\(out): 5 files up to date\n", errors: ""))
        let fewer = CatalogSet([ShopFixture.catalog], runbookBaseURL: "https://example.com/rb")
        let drift = CatalogCommand.run(["dashboards", "--check", "--output", out], catalogs: fewer)
        #expect(drift.exitCode == 1)
        #expect(drift.errors == """
            \(out) is out of date with the metric catalogs (1 file):
              stale    overview.json (no longer generated)
            Regenerate with `swift package --allow-writing-to-package-directory generate-dashboards` and commit the result.

            """)
    }

    @Test("usage errors exit 2 with the usage text", arguments: [["frobnicate"], [], ["dashboards", "--output"], ["alerts", "--bogus"]])
    func usage(_ arguments: [String]) {
        let result = CatalogCommand.run(arguments, catalogs: ShopFixture.set)
        #expect(result.exitCode == 2)
        #expect(result.errors.hasPrefix("error: "))
        #expect(result.errors.contains(CatalogCommand.usage))
    }

    @Test("validate and --help")
    func validate() {
        #expect(CatalogCommand.run(["validate"], catalogs: ShopFixture.set) == .init(exitCode: 0, output: "2 catalogs valid: process, shop\n", errors: ""))
        #expect(CatalogCommand.run(["--help"], catalogs: ShopFixture.set).output == CatalogCommand.usage)
    }
}

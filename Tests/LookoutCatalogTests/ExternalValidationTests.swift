import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

/// The generated files checked by the real tools: Grafana's JSON schemas, promtool (lint
/// and unit tests proving every alert fires and stays silent when it should) and amtool.
/// Covers the shop fixture, the root package's process catalog and the committed files.
@Suite("Generated files pass the real validators", .serialized)
struct ExternalValidationTests {
    static let repository = RepositoryPaths.root()
    static let validator = repository.appendingPathComponent("scripts/validate-dashboards").path

    /// The committed generated files of the root package and of the Examples package.
    static func committed(_ folder: String, suffix: String) throws -> [String] {
        try ["", "Examples/"].flatMap { package in
            let url = repository.appendingPathComponent(package + folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(suffix) }.sorted().map { url.appendingPathComponent($0).path }
        }
    }

    @Test("dashboards validate against the Grafana schemas (dashboard, panel options, queries, units)")
    func schemas() throws {
        for set in GeneratedSets.all {
            let tree = try GeneratedTree.write(set)
            defer { tree.remove() }
            let files = try tree.files(in: tree.dashboards, suffix: ".json").map(\.path)
            let output = try ExternalTool.python3.run([Self.validator] + files)
            #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        }
        let committed = try Self.committed("dashboards", suffix: ".json")
        #expect(!committed.isEmpty)
        let output = try ExternalTool.python3.run([Self.validator] + committed)
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
    }

    @Test("rule files pass promtool check rules --lint=all --lint-fatal")
    func rulesLint() throws {
        for set in GeneratedSets.all {
            let tree = try GeneratedTree.write(set)
            defer { tree.remove() }
            let files = try tree.files(in: tree.alerts, suffix: ".rules.yml").map(\.path)
            let output = try ExternalTool.promtool.run(["check", "rules", "--lint=all", "--lint-fatal"] + files)
            #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        }
        let output = try ExternalTool.promtool.run(["check", "rules", "--lint=all", "--lint-fatal"] + Self.committed("alerts", suffix: ".rules.yml"))
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
    }

    @Test("promtool test rules: every alert fires when it should and stays silent otherwise")
    func ruleUnitTests() throws {
        for set in GeneratedSets.all {
            let tree = try GeneratedTree.write(set)
            defer { tree.remove() }
            let files = try tree.files(in: tree.alerts.appendingPathComponent("tests"), suffix: "-test.yaml").map(\.path)
            #expect(files.count == set.catalogs.count)
            let output = try ExternalTool.promtool.run(["test", "rules"] + files, timeout: .seconds(120))
            #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        }
        let output = try ExternalTool.promtool.run(["test", "rules"] + Self.committed("alerts/tests", suffix: "-test.yaml"), timeout: .seconds(120))
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
    }

    @Test("every declared severity and every SLO burn alert has a firing and a silent case")
    func coverage() throws {
        for set in GeneratedSets.all {
            for catalog in set.catalogs {
                let cases = RuleTestFile.cases(for: catalog, set: set)
                let names = catalog.alerts.map(\.name) + catalog.objectives.map(\.alertName)
                for name in names {
                    let own = cases.filter { $0.alertName == name }
                    #expect(own.contains { $0.expected.isEmpty }, "\(name) has no silent case")
                    let fired = Set(own.flatMap { $0.expected.compactMap { $0.labels["severity"] } })
                    let declared = catalog.alerts.first { $0.name == name }.map { Set($0.conditions.map(\.severity.rawValue)) } ?? ["critical", "warning"]
                    #expect(fired == declared, "\(name) fires \(fired) in tests, declares \(declared)")
                }
            }
        }
    }

    @Test("alertmanager.yml passes amtool check-config and routes each severity to its receiver")
    func alertmanagerRouting() throws {
        let tree = try GeneratedTree.write(ShopFixture.set)
        defer { tree.remove() }
        let files = [tree.alerts.appendingPathComponent("alertmanager.yml").path] + (try Self.committed("alerts", suffix: "alertmanager.yml"))
        for file in files {
            let check = try ExternalTool.amtool.run(["check-config", file])
            #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        }
        for (severity, receiver) in [("critical", "pager"), ("warning", "warning"), ("info", "default")] {
            let route = try ExternalTool.amtool.run(["config", "routes", "test", "--config.file=\(files[0])", "alertname=ShopErrorsHigh", "severity=\(severity)"])
            #expect(route.status == 0)
            #expect(route.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == receiver)
        }
    }
}

import Foundation
import Testing
import TestSupport
@testable import lookout

/// `lookout serve` answers the `runbook_url` of Lookout's own alerts from the generated
/// pages in alerts/runbooks.
@Suite("Runbook pages")
struct RunbookRoutesTests {
    static let pages = RunbookPages(directory: RepositoryPaths.root().appendingPathComponent("alerts/runbooks").path)

    @Test("every alert in the committed rule files has a runbook section")
    func everyAlertHasAPage() throws {
        let rules = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.root().appendingPathComponent("alerts").path)
            .filter { $0.hasSuffix(".rules.yml") }
        var alerts = Set<String>()
        for file in rules {
            let text = try String(contentsOf: RepositoryPaths.root().appendingPathComponent("alerts/" + file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("- alert: ") {
                alerts.insert(String(line.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(!alerts.isEmpty)
        for alert in alerts.sorted() {
            let section = try #require(Self.pages.section(for: alert), "no runbook for \(alert)")
            #expect(section.hasPrefix("## \(alert)\n"))
            #expect(!section.dropFirst(3).contains("\n## "))
        }
    }

    @Test("an unknown or malformed alert name is a 404 problem", arguments: ["NoSuchAlert", "../etc", ""])
    func unknown(_ alert: String) {
        #expect(Self.pages.response(for: alert).status == .notFound)
    }

    @Test("a known alert is served as Markdown")
    func served() {
        let response = Self.pages.response(for: "ProcessRestarting")
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("## ProcessRestarting\n"))
    }
}

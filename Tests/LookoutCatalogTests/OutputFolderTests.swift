import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

@Suite("Output folders: atomic writes and drift checks")
struct OutputFolderTests {
    static let marker = GeneratedHeader.marker

    func folder(_ kind: OutputFolder.Kind) throws -> (OutputFolder, URL) {
        let url = try RepositoryPaths.temporaryDirectory(prefix: "lookout-output")
        return (OutputFolder(path: url.path, kind: kind), url)
    }

    func contents(_ url: URL) -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        while let path = enumerator?.nextObject() as? String {
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path + "/" + path, isDirectory: &directory), !directory.boolValue {
                result[path] = try? String(contentsOfFile: url.path + "/" + path, encoding: .utf8)
            }
        }
        return result
    }

    @Test("write creates, updates, keeps and deletes, and leaves unowned files alone")
    func write() throws {
        let (folder, url) = try folder(.alerts)
        defer { try? FileManager.default.removeItem(at: url) }
        try folder.write([GeneratedFile(path: "a.rules.yml", contents: "# \(Self.marker)a\n"), GeneratedFile(path: "tests/a-test.yaml", contents: "# \(Self.marker)t\n"),
                          GeneratedFile(path: "old.rules.yml", contents: "# \(Self.marker)old\n")])
        try "notes".write(toFile: url.path + "/README.md", atomically: true, encoding: .utf8)
        let summary = try folder.write([GeneratedFile(path: "a.rules.yml", contents: "# \(Self.marker)a2\n"), GeneratedFile(path: "tests/a-test.yaml", contents: "# \(Self.marker)t\n"),
                                        GeneratedFile(path: "runbooks/a.md", contents: "<!-- \(Self.marker) -->\n")])
        #expect(summary == .init(created: ["runbooks/a.md"], updated: ["a.rules.yml"], unchanged: ["tests/a-test.yaml"], deleted: ["old.rules.yml"]))
        #expect(contents(url) == ["a.rules.yml": "# \(Self.marker)a2\n", "tests/a-test.yaml": "# \(Self.marker)t\n",
                                  "runbooks/a.md": "<!-- \(Self.marker) -->\n", "README.md": "notes"])
    }

    @Test("a hand-written file where a generated one would go stops the write before anything changes")
    func foreign() throws {
        let (folder, url) = try folder(.dashboards)
        defer { try? FileManager.default.removeItem(at: url) }
        try "{\"title\": \"mine\"}".write(toFile: url.path + "/mine.json", atomically: true, encoding: .utf8)
        #expect(throws: CatalogError.self) { try folder.write([GeneratedFile(path: "new.json", contents: "{\"description\": \"\(Self.marker)\"}\n")]) }
        do {
            try folder.write([GeneratedFile(path: "new.json", contents: "x")])
        } catch {
            #expect(error.code == .foreignFile)
            #expect(error.message.contains("mine.json"))
        }
        #expect(contents(url) == ["mine.json": "{\"title\": \"mine\"}"])
    }

    @Test("an I/O failure while staging leaves the folder unchanged")
    func atomic() throws {
        let (folder, url) = try folder(.alerts)
        defer { try? FileManager.default.removeItem(at: url) }
        try folder.write([GeneratedFile(path: "a.rules.yml", contents: "# \(Self.marker)1\n")])
        // A regular file where the tests/ folder must go: staging tests/x-test.yaml fails.
        try "blocker".write(toFile: url.path + "/tests", atomically: true, encoding: .utf8)
        #expect(throws: CatalogError.self) {
            try folder.write([GeneratedFile(path: "a.rules.yml", contents: "# \(Self.marker)2\n"), GeneratedFile(path: "tests/x-test.yaml", contents: "# \(Self.marker)x\n")])
        }
        #expect(contents(url) == ["a.rules.yml": "# \(Self.marker)1\n", "tests": "blocker"])
    }

    @Test("a failed write into a folder that did not exist removes the folders it created")
    func atomicNewFolder() throws {
        let (_, url) = try folder(.alerts)
        defer { try? FileManager.default.removeItem(at: url) }
        let target = OutputFolder(path: url.path + "/alerts", kind: .alerts)
        try "blocker".write(toFile: url.path + "/runbooks", atomically: true, encoding: .utf8)
        let blocked = OutputFolder(path: url.path, kind: .alerts)
        #expect(throws: CatalogError.self) {
            try blocked.write([GeneratedFile(path: "tests/a-test.yaml", contents: "# \(Self.marker)\n"), GeneratedFile(path: "runbooks/a.md", contents: "\(Self.marker)\n")])
        }
        #expect(!FileManager.default.fileExists(atPath: url.path + "/tests"))
        try target.write([GeneratedFile(path: "tests/a-test.yaml", contents: "# \(Self.marker)\n")])
        #expect(contents(url.appendingPathComponent("alerts")) == ["tests/a-test.yaml": "# \(Self.marker)\n"])
    }

    @Test("check reports missing, changed, stale and foreign files and the fix")
    func check() throws {
        let (folder, url) = try folder(.dashboards)
        defer { try? FileManager.default.removeItem(at: url) }
        try folder.write([GeneratedFile(path: "a.json", contents: "{\n  \"description\": \"\(Self.marker)\",\n  \"title\": \"A\"\n}\n"),
                          GeneratedFile(path: "gone.json", contents: "\(Self.marker)\n")])
        try "{}".write(toFile: url.path + "/mine.json", atomically: true, encoding: .utf8)
        let report = try folder.check([GeneratedFile(path: "a.json", contents: "{\n  \"description\": \"\(Self.marker)\",\n  \"title\": \"B\"\n}\n"),
                                       GeneratedFile(path: "b.json", contents: "{}\n")])
        #expect(!report.isClean)
        #expect(report.description == """
            \(url.path) is out of date with the metric catalogs (4 files):
              changed  a.json: from line 3, 1 line on disk replaced by 1 generated (expected `"title": "B"`, found `"title": "A"`)
              missing  b.json
              stale    gone.json (no longer generated)
              foreign  mine.json (not generated: move it out of \(url.path))
            Regenerate with `swift package --allow-writing-to-package-directory generate-dashboards` and commit the result.
            """)
        #expect(try folder.check([GeneratedFile(path: "a.json", contents: "{\n  \"description\": \"\(Self.marker)\",\n  \"title\": \"A\"\n}\n"),
                                  GeneratedFile(path: "gone.json", contents: "\(Self.marker)\n"), GeneratedFile(path: "mine.json", contents: "{}")]).isClean)
    }

    @Test("ownership patterns", arguments: [
        (OutputFolder.Kind.dashboards, "a.json", true), (.dashboards, "sub/a.json", false), (.dashboards, "a.yml", false), (.dashboards, "provisioning/dashboards.yaml", true),
        (.alerts, "a.rules.yml", true), (.alerts, "alertmanager.yml", true), (.alerts, "tests/a-test.yaml", true),
        (.alerts, "runbooks/a.md", true), (.alerts, "README.md", false), (.alerts, "tests/a.yaml", false), (.alerts, "x/a.rules.yml", false),
        (.reference, "metrics.md", true), (.reference, "guide.md", false), (.reference, "sub/metrics.md", false),
    ])
    func ownership(_ kind: OutputFolder.Kind, _ path: String, _ owned: Bool) {
        #expect(kind.owns(path) == owned)
    }
}

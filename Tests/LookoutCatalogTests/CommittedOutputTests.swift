import Foundation
import Testing
import TestSupport

/// The committed `dashboards/`, `alerts/` and `docs/metrics.md` are what the package's catalog executable
/// generates now: the in-suite twin of CI's `generate-dashboards --check` and
/// `generate-alerts --check` (and of `lookout-catalog reference --check`).
@Suite("Committed generated files are up to date")
struct CommittedOutputTests {
    /// `lookout-catalog`, built next to the test bundle by `swift build --build-tests`.
    static func catalogExecutable() throws -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("lookout-catalog").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw TestFailure("lookout-catalog is not built next to the tests (\(bundle.path)); run `swift build --build-tests` (as `make test` does) first")
    }

    @Test("dashboards/, alerts/ and docs/metrics.md match the catalogs", arguments: [("dashboards", "dashboards"), ("alerts", "alerts"), ("reference", "docs")])
    func upToDate(_ command: String, _ folder: String) throws {
        let output = RepositoryPaths.root().appendingPathComponent(folder).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.catalogExecutable())
        process.arguments = [command, "--check", "--output", output]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }
}

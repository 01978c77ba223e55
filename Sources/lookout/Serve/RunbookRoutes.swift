import Foundation
import LookoutHTTP

/// The generated runbook pages, served at `/runbooks/<AlertName>`: the `runbook_url` of
/// Lookout's own alerts (the catalog set's runbook base is this server's `/runbooks`).
///
/// Pages are read at request time from the generated `alerts/runbooks/*.md` (the folder in
/// `LOOKOUT_RUNBOOKS`, else `alerts/runbooks` below the working directory); each alert is
/// the `## <AlertName>` section of its module's page, answered as Markdown text. Safe to use
/// from any thread: it holds only the folder path.
struct RunbookPages: Sendable {
    /// The folder holding the generated `*.md` pages.
    let directory: String

    /// The folder from the environment, or `alerts/runbooks`.
    static var `default`: RunbookPages {
        RunbookPages(directory: ProcessInfo.processInfo.environment["LOOKOUT_RUNBOOKS"] ?? "alerts/runbooks")
    }

    /// The Markdown section of `alert` (its heading up to the next alert's), or `nil` if no
    /// page has it.
    func section(for alert: String) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        for name in names.sorted() where name.hasSuffix(".md") {
            guard let page = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { continue }
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { $0 == "## " + alert }) else { continue }
            let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
            return lines[start..<end].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        }
        return nil
    }

    /// The response for `GET /runbooks/<alert>`: the section as `text/markdown`, or a
    /// `404` problem naming the folder searched.
    func response(for alert: String) -> HTTPResponse {
        let valid = !alert.isEmpty && alert.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII }
        guard valid, let section = section(for: alert) else {
            return .problem(.notFound, detail: "no runbook for alert '\(alert)' in \(directory)/*.md; generate them with `swift package --allow-writing-to-package-directory generate-alerts` or set LOOKOUT_RUNBOOKS")
        }
        return .bytes(Array(section.utf8), contentType: "text/markdown; charset=utf-8")
    }
}

extension HTTPRouter {
    /// Serves `pages` at `GET /runbooks/{alert}`.
    mutating func addRunbookRoutes(_ pages: RunbookPages) {
        get("/runbooks/{alert}") { _, context in pages.response(for: context.parameters["alert"] ?? "") }
    }
}

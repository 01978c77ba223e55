import Foundation
import Testing
import TestSupport

/// Every flag the README gives a `lookout` command (or `bybit-sim`) exists: each one is in
/// that command's `--help`. Flags are taken from lines that name the command
/// (`lookout fetch BTCUSDT --interval 15 …`, a table row starting with `lookout ticker`)
/// and from the first column of the configuration reference's option tables.
@Suite("README flags exist")
struct ReadmeFlagsTests {
    /// The commands whose flags are checked, and the help that lists them.
    static let helps: [String: [String]] = [
        "serve": ["serve", "--help"], "fetch": ["fetch", "--help"], "demo": ["demo", "--help"],
        "ticker": ["ticker", "--help"], "orderbook": ["orderbook", "--help"], "trades": ["trades", "--help"],
        "funding": ["funding", "--help"], "open-interest": ["open-interest", "--help"], "ratio": ["ratio", "--help"],
        "instruments": ["instruments", "--help"],
    ]

    /// Configuration-reference headings whose tables' first column lists one command's flags.
    static let optionSections = ["### `lookout serve` options": "serve", "### `lookout fetch` options": "fetch",
                                 "### `bybit-sim` options": "bybit-sim"]

    /// (command, flag, README line number) for every flag the README attributes to a command.
    static func mentions() throws -> [(command: String, flag: String, line: Int)] {
        let readme = try String(contentsOf: RepositoryPaths.root().appendingPathComponent("README.md"), encoding: .utf8)
        var found: [(String, String, Int)] = []
        var section: String?
        for (index, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") { section = optionSections[String(line)] }
            if let command = section, line.hasPrefix("|") {
                let firstCell = line.split(separator: "|").first.map(String.init) ?? ""
                found += flags(in: firstCell).map { (command, $0, index + 1) }
            }
            if let command = section, command == "bybit-sim" {
                found += flags(in: String(line)).map { (command, $0, index + 1) }
            }
            for command in helps.keys {
                guard let range = line.range(of: "lookout \(command)") else { continue }
                let rest = line[range.upperBound...]
                // `lookout fetch` also prefixes `lookout fetch --price …`; other commands' names
                // must end at a word boundary (`lookout ratio` is not `lookout ratios`).
                guard rest.first.map({ $0 == " " || $0 == "`" || $0 == "|" }) ?? true else { continue }
                found += flags(in: String(rest)).map { (command, $0, index + 1) }
            }
        }
        return found
    }

    /// The `--flag` tokens of `text` (lower-case letters, digits and dashes).
    static func flags(in text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "--") {
            let name = rest[start.upperBound...].prefix { $0.isLowercase || $0.isNumber || $0 == "-" }
            if let first = name.first, first.isLowercase { result.append("--" + name) }
            rest = rest[start.upperBound...]
        }
        return result
    }

    @Test("every flag the README gives a command is in its --help")
    func flagsExist() throws {
        let mentions = try Self.mentions()
        #expect(mentions.count > 60, "the README's flags were not found (\(mentions.count)); did the headings change?")
        var helpText: [String: String] = [:]
        for command in Set(mentions.map(\.command)).sorted() {
            if command == "bybit-sim" {
                helpText[command] = try ExternalTool.builtProduct("bybit-sim").run(["--help"]).standardOutput
            } else {
                let output = try CLI.run(try #require(Self.helps[command]))
                // `fetch --price` has its own help.
                let price = command == "fetch" ? try CLI.run(["fetch", "--price=mark", "--help"]).standardOutput : ""
                helpText[command] = output.standardOutput + price
            }
        }
        for mention in mentions {
            let help = try #require(helpText[mention.command])
            #expect(help.contains(mention.flag + " ") || help.contains(mention.flag + "\n") || help.contains(mention.flag + "="),
                    "README.md:\(mention.line) gives `\(mention.command)` the flag \(mention.flag), which its --help does not list")
        }
    }
}

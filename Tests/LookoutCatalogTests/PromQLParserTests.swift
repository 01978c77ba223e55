import Foundation
import Testing
@testable import LookoutCatalogGenerator
import TestSupport

@Suite("PromQL parser and type checker")
struct PromQLParserTests {
    @Test("the valid corpus parses and type-checks", arguments: PromQLCorpus.valid)
    func valid(_ expression: String) {
        let problem = PromQLCheck.problem(in: expression)
        #expect(problem == nil, "\(expression): \(problem.map { $0.pointing(into: expression) } ?? "")")
    }

    @Test("the invalid corpus is rejected", arguments: PromQLCorpus.invalid)
    func invalid(_ expression: String) {
        #expect(PromQLCheck.problem(in: expression) != nil, "accepted: \(expression)")
    }

    @Test("a range vector or a string is not a rule result", arguments: PromQLCorpus.notRuleResults)
    func notRuleResult(_ expression: String) {
        #expect(PromQLCheck.problem(in: expression, requireRuleResult: false) == nil)
        #expect(PromQLCheck.problem(in: expression)?.message.hasPrefix("expression must evaluate to an instant vector or a scalar") == true)
    }

    @Test("errors name the problem and point at the offending text", arguments: [
        ("foo >> bar", #"unexpected ">" (at character 6)"#, "foo >> bar", "     ^"),
        ("rate(foo[5mm])", #"bad duration syntax: "5mm"; write whole numbers of y, w, d, h, m, s, ms, largest first, each once (for example 1h30m) (at character 10)"#, "rate(foo[5mm])", "         ^^^"),
        // Found by `make fuzz` (promql): a duration too long for Int milliseconds trapped.
        ("rate(foo[99999999999999999s])", #"bad duration syntax: "99999999999999999s"; write whole numbers of y, w, d, h, m, s, ms, largest first, each once (for example 1h30m) (at character 10)"#,
         "rate(foo[99999999999999999s])", "         ^^^^^^^^^^^^^^^^^^"),
        ("foo an bar", #"unexpected identifier "an" (at character 5)"#, "foo an bar", "    ^^"),
        ("rte(foo[5m])", #"unknown function with name "rte"; did you mean "rate"? (at character 1)"#, "rte(foo[5m])", "^^^"),
        ("sum(rate(foo))", #"expected type range vector in call to function "rate", got instant vector (add a range, for example [5m]) (at character 10)"#, "sum(rate(foo))", "         ^^^"),
        ("1 > 2", "comparisons between scalars must use BOOL modifier (write 1 > bool 0) (at character 1)", "1 > 2", "^^^^^"),
    ])
    func errorMessages(_ expression: String, _ message: String, _ line: String, _ marker: String) throws {
        let problem = try #require(PromQLCheck.problem(in: expression))
        #expect(problem.pointing(into: expression) == "\(message)\n    \(line)\n    \(marker)")
    }

    @Test("precedence and associativity follow Prometheus")
    func precedence() throws {
        func shape(_ text: String) throws -> String { try Self.shape(PromQLParser.parse(text)) }
        #expect(try shape("2 ^ 3 ^ 2") == "(2 ^ (3 ^ 2))")
        #expect(try shape("10 - 2 - 3") == "((10 - 2) - 3)")
        #expect(try shape("-2 ^ 2") == "(-(2 ^ 2))")
        #expect(try shape("-1 * 2 ^ 2") == "((-1) * (2 ^ 2))")
        #expect(try shape("2 atan2 3 * 4") == "((2 atan2 3) * 4)")
        #expect(try shape("a or b and c unless d") == "(a or ((b and c) unless d))")
        #expect(try shape("a > b + c * d") == "(a > (b + (c * d)))")
    }

    /// Every corpus expression in one rule file: promtool must reject exactly the invalid
    /// ones (one run, so the test stays fast).
    @Test("promtool agrees on every corpus expression")
    func promtoolAgrees() throws {
        let all = PromQLCorpus.valid + PromQLCorpus.notRuleResults + PromQLCorpus.invalid
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-promql")
        defer { try? FileManager.default.removeItem(at: directory) }
        var yaml = "groups:\n"
        for (index, expression) in all.enumerated() {
            // One group per expression, so each error names its group.
            yaml += "- name: e\(index)\n  rules:\n  - record: e\(index)\n    expr: \(try Self.yamlString(expression))\n"
        }
        let file = directory.appendingPathComponent("corpus.rules.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try ExternalTool.promtool.run(["check", "rules", file.path])
        let output = result.standardOutput + result.standardError
        let rejected = Set(all.indices.filter { output.contains("group \"e\($0)\"") })
        for (index, expression) in all.enumerated() {
            let weReject = index >= PromQLCorpus.valid.count + PromQLCorpus.notRuleResults.count
            #expect(rejected.contains(index) == weReject, "promtool \(weReject ? "accepts" : "rejects") \(expression.debugDescription)")
        }
        #expect(result.status != 0)
    }

    /// A double-quoted YAML scalar (JSON string syntax is valid YAML).
    static func yamlString(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]), as: UTF8.self)
            .dropFirst().dropLast().description
    }

    /// The tree with every binary and unary node parenthesised.
    static func shape(_ node: PromQLNode) -> String {
        switch node {
        case .number(let value, _): return value == value.rounded() ? String(Int(value)) : String(value)
        case .selector(let selector, _): return selector.name ?? "{}"
        case .unary(let op, let operand, _): return "(\(op)\(shape(operand)))"
        case .binary(let binary, _): return "(\(shape(binary.lhs)) \(binary.op) \(shape(binary.rhs)))"
        case .parenthesised(let inner, _): return shape(inner)
        default: return "?"
        }
    }
}

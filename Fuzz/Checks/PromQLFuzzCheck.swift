@testable import LookoutCatalogGenerator

/// PromQL text through the catalog generator's parser and type checker: an answer, never a
/// crash; an error points inside the text; and an expression it accepts stays accepted,
/// with the same type, inside parentheses (Prometheus' grammar allows any expression there).
enum PromQLFuzzCheck {
    static func check(_ data: [UInt8]) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var problems: [String] = []
        let problem = PromQLCheck.problem(in: text, requireRuleResult: false)
        if let problem, problem.start < 0 || problem.start > problem.end || problem.end > text.count + 1 {
            problems.append("error span \(problem.start)..<\(problem.end) is outside the \(text.count) characters of \(String(reflecting: text))")
        }
        if problem == nil, let node = try? PromQLParser.parse(text), let type = try? PromQLTypeChecker.type(of: node) {
            let wrapped = "(" + text + "\n)"  // the newline ends a trailing # comment
            do {
                let again = try PromQLTypeChecker.type(of: PromQLParser.parse(wrapped))
                if again != type { problems.append("\(String(reflecting: text)) is \(type) but \(again) in parentheses") }
            } catch {
                problems.append("\(String(reflecting: text)) is accepted but not in parentheses: \(error)")
            }
        } else if problem == nil {
            problems.append("PromQLCheck accepted \(String(reflecting: text)) that the parser or type checker rejects")
        }
        return problems
    }
}

/// One lexical token of a PromQL expression, with where it starts and ends in the text
/// (offsets in `Character`s, so an error can point at it).
struct PromQLToken: Sendable, Hashable {
    /// What the token is.
    enum Kind: Sendable, Hashable {
        /// A name: metric, label, function or keyword (`rate`, `by`, `http_requests_total`).
        case identifier(String)
        /// A number literal (`1`, `0.5`, `1e3`, `0x1F`, `Inf`, `NaN`).
        case number(Double)
        /// A duration (`5m`, `1h30m`), in milliseconds.
        case duration(Int)
        /// A string literal, unescaped.
        case string(String)
        /// Punctuation or an operator symbol (`(`, `=~`, `>=`, `@`, ...).
        case symbol(String)
        /// The end of the text.
        case end
    }

    let kind: Kind
    /// Offset of the first character.
    let start: Int
    /// Offset after the last character.
    let end: Int

    /// The token as quoted in error messages.
    var shown: String {
        switch kind {
        case .identifier(let name): return "identifier \"\(name)\""
        case .number: return "number"
        case .duration: return "duration"
        case .string: return "string"
        case .symbol(let symbol): return "\"\(symbol)\""
        case .end: return "end of input"
        }
    }

    /// The identifier's text, if the token is one.
    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// Whether the token is the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let found) = kind { return found == symbol }
        return false
    }

    /// Whether the token is the keyword `keyword` (case-insensitive, as PromQL keywords are).
    func isKeyword(_ keyword: String) -> Bool {
        identifier?.lowercased() == keyword
    }
}

/// A PromQL syntax or type error: what is wrong and the span of text it is about.
public struct PromQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in Prometheus' words where it has them.
    public let message: String
    /// Offset (in characters) of the offending text.
    public let start: Int
    /// Offset after the offending text (at least `start + 1` unless the text is empty).
    public let end: Int

    /// An error about the characters `start..<end`.
    public init(_ message: String, start: Int, end: Int) {
        self.message = message
        self.start = start
        self.end = max(end, start)
    }

    /// `message at offset N`.
    public var description: String { "\(message) (at character \(start + 1))" }

    /// The message, then the expression with the offending text underlined:
    ///
    /// ```
    /// unexpected ">" (at character 5)
    ///   foo >> bar
    ///        ^
    /// ```
    public func pointing(into text: String) -> String {
        let characters = Array(text)
        // Show the line holding the error only.
        var lineStart = min(start, characters.count)
        while lineStart > 0, characters[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = min(start, characters.count)
        while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
        let line = String(characters[lineStart..<lineEnd])
        let width = max(1, min(end, lineEnd) - start)
        let marker = String(repeating: " ", count: start - lineStart) + String(repeating: "^", count: width)
        return "\(description)\n    \(line)\n    \(marker)"
    }
}

/// Splits PromQL text into tokens the way Prometheus 2.42's lexer does: names (which may
/// contain `:`), numbers (decimal, float, exponent, hex, `Inf`, `NaN`), durations
/// (`1h30m`, units in order, each once), strings in three quote styles with Go escapes,
/// operators, and `#` comments.
struct PromQLLexer {
    private let characters: [Character]
    private var offset = 0
    /// Open `[` brackets: inside one, `:` separates a subquery's range and step.
    private var bracketDepth = 0

    init(_ text: String) { characters = Array(text) }

    /// Every token, ending with `.end`.
    ///
    /// - Throws: ``PromQLError`` at the first character that cannot start or continue a token.
    static func tokens(of text: String) throws(PromQLError) -> [PromQLToken] {
        var lexer = PromQLLexer(text)
        var tokens: [PromQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        offset + ahead < characters.count ? characters[offset + ahead] : nil
    }

    private mutating func next() throws(PromQLError) -> PromQLToken {
        while let character = peek() {
            if character.isWhitespace {
                offset += 1
            } else if character == "#" {
                while let rest = peek(), rest != "\n" { offset += 1 }
            } else {
                break
            }
        }
        let start = offset
        guard let character = peek() else { return PromQLToken(kind: .end, start: start, end: start) }
        if character == ":", bracketDepth > 0 {
            offset += 1
            return PromQLToken(kind: .symbol(":"), start: start, end: offset)
        }
        if character.isASCIILetter || character == "_" || character == ":" { return identifier() }
        if character.isASCIIDigit || (character == "." && peek(1)?.isASCIIDigit == true) { return try numberOrDuration() }
        if character == "\"" || character == "'" || character == "`" { return try string(quote: character) }
        for symbol in ["==", "!=", "<=", ">=", "=~", "!~"] where peek() == symbol.first && peek(1) == symbol.last {
            offset += 2
            return PromQLToken(kind: .symbol(symbol), start: start, end: offset)
        }
        if "(){}[],:@+-*/%^<>=".contains(character) {
            if character == "[" { bracketDepth += 1 }
            if character == "]" { bracketDepth = max(0, bracketDepth - 1) }
            offset += 1
            return PromQLToken(kind: .symbol(String(character)), start: start, end: offset)
        }
        throw PromQLError("unexpected character \"\(character)\"", start: start, end: start + 1)
    }

    private mutating func identifier() -> PromQLToken {
        let start = offset
        while let character = peek(), character.isASCIILetter || character.isASCIIDigit || character == "_" || character == ":" { offset += 1 }
        let name = String(characters[start..<offset])
        switch name.lowercased() {
        case "inf": return PromQLToken(kind: .number(.infinity), start: start, end: offset)
        case "nan": return PromQLToken(kind: .number(.nan), start: start, end: offset)
        default: return PromQLToken(kind: .identifier(name), start: start, end: offset)
        }
    }

    private mutating func numberOrDuration() throws(PromQLError) -> PromQLToken {
        let start = offset
        // A digit run followed by a duration unit is a duration (`5m`, `1h30m`).
        var probe = offset
        while probe < characters.count, characters[probe].isASCIIDigit { probe += 1 }
        if probe > start, probe < characters.count, "smhdwy".contains(characters[probe]) {
            while let character = peek(), character.isASCIILetter || character.isASCIIDigit || character == "_" { offset += 1 }
            let text = String(characters[start..<offset])
            guard let milliseconds = PromQLDuration.milliseconds(text) else {
                throw PromQLError("bad duration syntax: \"\(text)\"; write whole numbers of y, w, d, h, m, s, ms, largest first, each once (for example 1h30m)", start: start, end: offset)
            }
            return PromQLToken(kind: .duration(milliseconds), start: start, end: offset)
        }
        var value: Double?
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            offset += 2
            let digits = offset
            while let character = peek(), character.isHexDigit { offset += 1 }
            value = UInt64(String(characters[digits..<offset]), radix: 16).map(Double.init)
        } else {
            while let character = peek(), character.isASCIIDigit { offset += 1 }
            if peek() == "." {
                offset += 1
                while let character = peek(), character.isASCIIDigit { offset += 1 }
            }
            if let e = peek(), e == "e" || e == "E" {
                offset += 1
                if let sign = peek(), sign == "+" || sign == "-" { offset += 1 }
                let digits = offset
                while let character = peek(), character.isASCIIDigit { offset += 1 }
                if offset == digits { value = nil } else { value = Double(String(characters[start..<offset])) }
            } else {
                value = Double(String(characters[start..<offset]))
            }
        }
        // A number runs into a name (`5x`, `1_000`, `1e`): not a number, not a duration.
        let next = peek()
        if value == nil || next.map({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }) == true {
            while let rest = peek(), rest.isASCIILetter || rest.isASCIIDigit || rest == "_" { offset += 1 }
            let text = String(characters[start..<max(offset, start + 1)])
            let hint = next.map { $0.isASCIILetter && !"smhdwy".contains($0) } == true ? " (duration units are y, w, d, h, m, s and ms, in lower case)" : ""
            throw PromQLError("bad number or duration syntax: \"\(text)\"\(hint)", start: start, end: max(offset, start + 1))
        }
        return PromQLToken(kind: .number(value ?? 0), start: start, end: offset)
    }

    private mutating func string(quote: Character) throws(PromQLError) -> PromQLToken {
        let start = offset
        offset += 1
        var value = ""
        while true {
            guard let character = peek() else {
                throw PromQLError("unterminated quoted string: the \(quote) opened here is never closed", start: start, end: start + 1)
            }
            offset += 1
            if character == quote { break }
            if quote == "`" {
                value.append(character)
                continue
            }
            if character == "\n" {
                throw PromQLError("unterminated quoted string: a \(quote)...\(quote) string cannot hold a raw newline (write \\n)", start: start, end: offset - 1)
            }
            guard character == "\\" else {
                value.append(character)
                continue
            }
            value.append(contentsOf: try escape(quote: quote))
        }
        return PromQLToken(kind: .string(value), start: start, end: offset)
    }

    /// The character after a backslash (Go's escapes: the opening quote only).
    private mutating func escape(quote: Character) throws(PromQLError) -> String {
        let start = offset - 1
        guard let character = peek() else {
            throw PromQLError("escape sequence not terminated", start: start, end: offset)
        }
        offset += 1
        switch character {
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "\\": return "\\"
        case quote: return String(quote)
        case "x", "u", "U", "0"..."7":
            let (count, radix): (Int, Int) = character == "x" ? (2, 16) : character == "u" ? (4, 16) : character == "U" ? (8, 16) : (2, 8)
            let digits = offset
            for _ in 0..<count {
                guard let digit = peek(), radix == 16 ? digit.isHexDigit : ("0"..."7").contains(digit) else {
                    throw PromQLError("invalid escape sequence \\\(String(characters[digits - 1..<offset]))", start: start, end: offset)
                }
                offset += 1
            }
            let text = (radix == 8 ? String(character) : "") + String(characters[digits..<offset])
            guard let code = UInt32(text, radix: radix), let scalar = Unicode.Scalar(code) else {
                throw PromQLError("invalid escape sequence \\\(character)\(String(characters[digits..<offset]))", start: start, end: offset)
            }
            return String(Character(scalar))
        default:
            throw PromQLError("unknown escape sequence \\\(character) (a \(quote)-quoted string escapes only \\\(quote), \\\\, \\n, \\t, ...)", start: start, end: offset)
        }
    }
}

/// Prometheus durations: whole numbers of `y w d h m s ms`, largest first, each at most once.
enum PromQLDuration {
    private static let units: [(String, Int)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// The length of `text` in milliseconds, or `nil` if it is not a duration or does not fit
    /// an `Int` of milliseconds.
    static func milliseconds(_ text: String) -> Int? {
        var rest = Substring(text)
        var total = 0
        var nextUnit = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCIIDigit }
            guard !digits.isEmpty, let amount = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let letters = rest.prefix { $0.isASCIILetter }
            rest = rest.dropFirst(letters.count)
            guard let index = units.firstIndex(where: { $0.0 == letters }), index >= nextUnit else { return nil }
            // Too long to count in milliseconds is not a duration either (found by `make fuzz`:
            // `99999999999999999s` trapped here).
            let (part, productOverflow) = amount.multipliedReportingOverflow(by: units[index].1)
            let (sum, sumOverflow) = total.addingReportingOverflow(part)
            guard !productOverflow, !sumOverflow else { return nil }
            total = sum
            nextUnit = index + 1
        }
        return total
    }
}

extension PromQLDuration {
    /// The shortest spelling of `milliseconds` (`1h30m`).
    static func text(_ milliseconds: Int) -> String {
        var rest = milliseconds
        var text = ""
        for (unit, size) in [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text.isEmpty ? "0s" : text
    }
}

extension Character {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Small text and collection helpers shared by the validator and the renderers.
extension String {
    /// `_` replaced by `-` (dashboard uids).
    package func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }

    /// `_` replaced by a space (titles derived from names).
    package func replacingUnderscoresWithSpaces() -> String { String(map { $0 == "_" ? " " : $0 }) }

    /// Every character outside `[A-Za-z0-9]` replaced by `_` (suggested identifiers).
    package func replacingNonIdentifierCharacters() -> String {
        String(unicodeScalars.map { $0.isASCIIAlphanumeric ? Character($0) : "_" })
    }

    /// The text with `|` escaped for a Markdown table cell.
    package func replacingPipes() -> String { String(flatMap { $0 == "|" ? Array("\\|") : [$0] }) }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    package func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is an ASCII letter or digit.
    package var isASCIIAlphanumeric: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self) }
}

extension Sequence where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    package func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

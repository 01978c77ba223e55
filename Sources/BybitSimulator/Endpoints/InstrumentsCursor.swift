/// The `instruments-info` page cursor: `first%3D<FIRST>%26last%3D<LAST>`, the shape Bybit
/// sends (a percent-encoded `first=…&last=…`). The next page starts after `<LAST>` in symbol
/// order, so a cursor stays valid when instruments are added or change status.
///
/// Clients may send the token back as received (the query decoder then sees
/// `first=…&last=…` after one decoding) or percent-encode it once more (the decoder sees
/// the token itself); both are accepted.
struct InstrumentsCursor: Sendable, Hashable {
    var first: String
    var last: String

    /// The token for a page running from `first` to `last`.
    var token: String { "first%3D\(first)%26last%3D\(last)" }

    /// Parses a decoded `cursor` parameter; `nil` when it is not one of ours.
    init?(parameter: String) {
        var text = parameter
        if text.contains("%") { text = QueryParameters.decode(Array(text.utf8)) }
        let fields = QueryParameters(text)
        guard let first = fields["first"], let last = fields["last"],
              text.hasPrefix("first="), Self.isSymbol(first), Self.isSymbol(last) else { return nil }
        self.first = first
        self.last = last
    }

    init(first: String, last: String) {
        self.first = first
        self.last = last
    }

    private static func isSymbol(_ text: String) -> Bool {
        text.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        }
    }
}

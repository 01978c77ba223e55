/// The decoded query of a request target, as an ordered list of name/value items.
///
/// The parser splits the query on `&`, splits each item at its first `=`, turns `+` into a
/// space and percent-decodes both parts (the `application/x-www-form-urlencoded` rules
/// browsers use). Empty items (`a=1&&b=2`) are skipped; an item without `=` has an empty
/// value. Malformed escapes, NUL and invalid UTF-8 are rejected with `400`, never repaired.
public struct HTTPQuery: Sendable, Hashable, Sequence {
    /// One decoded query item.
    public struct Item: Sendable, Hashable {
        /// The decoded name.
        public var name: String
        /// The decoded value; empty when the item had no `=`.
        public var value: String

        /// An item named `name` with `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The items in the order they appeared.
    public private(set) var items: [Item]

    /// A query with the given items.
    public init(_ items: [Item] = []) { self.items = items }

    /// Whether the query has no items.
    public var isEmpty: Bool { items.isEmpty }

    /// The value of the first item named `name` (case-sensitive), or `nil`.
    public subscript(name: String) -> String? {
        items.first(where: { $0.name == name })?.value
    }

    /// The values of every item named `name` (case-sensitive), in order.
    public func values(for name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// Iterates over the items in order.
    public func makeIterator() -> IndexingIterator<[Item]> { items.makeIterator() }
}

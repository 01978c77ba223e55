/// An ordered list of header fields with case-insensitive lookup.
///
/// Order and repeated names are kept exactly as received (or as added), because some
/// fields may legitimately repeat. Names compare ignoring ASCII case, as RFC 9110 requires.
/// A value type: copies are independent and `Sendable`.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field.
    public struct Field: Sendable, Hashable {
        /// The field name as received or added, for example `Content-Type`.
        public var name: String
        /// The field value without leading or trailing whitespace.
        public var value: String

        /// A field named `name` with `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in order.
    public private(set) var fields: [Field]

    /// No fields.
    public init() { fields = [] }

    /// The given fields, in order.
    public init(_ fields: [(name: String, value: String)]) {
        self.fields = fields.map { Field(name: $0.name, value: $0.value) }
    }

    /// The given fields, in literal order (names may repeat).
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    init(reservingCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// How many fields there are.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The value of the first field named `name` (ignoring case), or `nil`.
    public subscript(name: String) -> String? {
        fields.first(where: { ASCII.equalsIgnoringCase($0.name, name) })?.value
    }

    /// The values of every field named `name` (ignoring case), in order.
    public func values(for name: String) -> [String] {
        fields.filter { ASCII.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` (ignoring case) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains(where: { ASCII.equalsIgnoringCase($0.name, name) })
    }

    /// Appends a field, keeping any existing fields with the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` (ignoring case) with one field holding `value`.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field named `name` (ignoring case).
    public mutating func remove(_ name: String) {
        fields.removeAll(where: { ASCII.equalsIgnoringCase($0.name, name) })
    }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

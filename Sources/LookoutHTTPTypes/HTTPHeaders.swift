/// An ordered list of header fields with case-insensitive lookup, shared by the server
/// (requests and responses) and the curl client (`CurlHeaders` is this type).
///
/// Order and repeated names are kept exactly as received (or as added), because some
/// fields may legitimately repeat. Names compare ignoring ASCII case, as RFC 9110 requires.
/// A value type: copies are independent and `Sendable`.
///
/// ```swift
/// var headers: HTTPHeaders = ["Accept": "application/json"]
/// headers.add("Accept", "text/plain")
/// headers["accept"]                 // "application/json"
/// headers.values(for: "ACCEPT")     // ["application/json", "text/plain"]
/// ```
public struct HTTPHeaders: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
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

        /// A field named `name` with `value` (`Field("Content-Type", "text/html")`).
        public init(_ name: String, _ value: String) {
            self.init(name: name, value: value)
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

    /// No fields, with room for `capacity` of them.
    public init(reservingCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// How many fields there are.
    public var count: Int { fields.count }

    /// Makes room for `capacity` fields in all, so adding several costs at most one
    /// reallocation.
    public mutating func reserveCapacity(_ capacity: Int) {
        fields.reserveCapacity(capacity)
    }

    /// The first field's position.
    public var startIndex: Int { fields.startIndex }
    /// One past the last field's position.
    public var endIndex: Int { fields.endIndex }
    /// The field at `position`, in order.
    public subscript(position: Int) -> Field { fields[position] }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The value of the first field named `name` (ignoring case), or `nil`.
    public subscript(name: String) -> String? {
        fields.first(where: { Self.namesMatch($0.name, name) })?.value
    }

    /// The values of every field named `name` (ignoring case), in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` (ignoring case) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains(where: { Self.namesMatch($0.name, name) })
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
        fields.removeAll(where: { Self.namesMatch($0.name, name) })
    }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The fields, one `Name: value` per line.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// Appends a field (the spelling `CurlHeaders` used; same as ``add(_:_:)``).
    public mutating func add(name: String, value: String) { add(name, value) }

    /// Replaces every field called `name` (the spelling `CurlHeaders` used; same as ``set(_:_:)``).
    public mutating func set(name: String, value: String) { set(name, value) }

    /// Removes every field called `name` (the spelling `CurlHeaders` used; same as ``remove(_:)``).
    public mutating func remove(name: String) { remove(name) }

    /// Whether two field names are equal ignoring ASCII case.
    package static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case let (l?, r?) where lowercased(l) == lowercased(r): continue
            default: return false
            }
        }
    }

    @inline(__always)
    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}

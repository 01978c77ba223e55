/// An HTTP request method that the server implements.
///
/// The set is closed on purpose: a request with any other syntactically valid method gets
/// `501 Not Implemented` before it reaches a router, so a method is always a bounded value
/// that is safe to use as a metric label. ``other`` is the label for requests whose method
/// was not understood (OpenTelemetry's `_OTHER` convention); no request carries it.
public struct HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: UInt8, Sendable {
        case get, head, post, put, delete, patch, options, other
    }
    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    /// `GET`: retrieve a representation.
    public static let get = HTTPMethod(.get)
    /// `HEAD`: like `GET` without the body. Routes answer it with their `GET` handler
    /// unless they register their own.
    public static let head = HTTPMethod(.head)
    /// `POST`: process the enclosed body.
    public static let post = HTTPMethod(.post)
    /// `PUT`: replace the target with the enclosed body.
    public static let put = HTTPMethod(.put)
    /// `DELETE`: remove the target.
    public static let delete = HTTPMethod(.delete)
    /// `PATCH`: partially modify the target.
    public static let patch = HTTPMethod(.patch)
    /// `OPTIONS`: describe the target. Routes without their own handler answer it with
    /// `204 No Content` and an `Allow` header.
    public static let options = HTTPMethod(.options)
    /// The metric label for requests whose method was not understood (`_OTHER`).
    public static let other = HTTPMethod(.other)

    /// Every method a request can carry, in a stable order.
    public static let implemented: [HTTPMethod] = [.get, .head, .post, .put, .delete, .patch, .options]

    /// The method's name as sent on the wire, for example `GET`.
    public var rawValue: String {
        switch kind {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .patch: "PATCH"
        case .options: "OPTIONS"
        case .other: "_OTHER"
        }
    }

    /// The implemented method named `rawValue` (case-sensitive, as RFC 9110 requires),
    /// or `nil`.
    public init?(rawValue: String) {
        guard let method = Self.implemented.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = method
    }

    public var description: String { rawValue }

    /// A dense index (0..<8) for per-method tables.
    package var ordinal: Int { Int(kind.rawValue) }

    /// How many distinct ordinals exist.
    package static let ordinalCount = 8

    /// The implemented method spelled by `bytes`, or `nil` for any other token.
    package static func parse(_ bytes: UnsafeRawBufferPointer) -> HTTPMethod? {
        func matches(_ literal: StaticString) -> Bool {
            guard bytes.count == literal.utf8CodeUnitCount else { return false }
            let start = literal.utf8Start
            for index in 0..<bytes.count where bytes[index] != start[index] { return false }
            return true
        }
        switch bytes.count {
        case 3: return matches("GET") ? .get : matches("PUT") ? .put : nil
        case 4: return matches("HEAD") ? .head : matches("POST") ? .post : nil
        case 5: return matches("PATCH") ? .patch : nil
        case 6: return matches("DELETE") ? .delete : nil
        case 7: return matches("OPTIONS") ? .options : nil
        default: return nil
        }
    }
}

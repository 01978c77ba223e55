#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension HTTPResponse {
    /// An `application/json` response encoding `value` with sorted keys, so output is
    /// deterministic.
    ///
    /// - Throws: ``HTTPError`` with status `500` if `value` cannot be encoded (for example a
    ///   non-finite `Double`); thrown from a handler, it becomes a problem response.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws(HTTPError) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return json(encoded: Array(try encoder.encode(value)), status: status)
        } catch {
            throw HTTPError(.internalServerError, "the response could not be encoded as JSON")
        }
    }
}

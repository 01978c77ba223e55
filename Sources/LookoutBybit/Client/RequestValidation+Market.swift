extension RequestValidation {
    /// A count parameter (`limit`, order-book depth) in `range`, naming what it counts.
    static func count(_ value: Int?, name: String, in range: ClosedRange<Int>, what: String, symbol: String?) throws(BybitError) {
        guard let value else { return }
        guard range.contains(value) else {
            throw BybitError(code: .invalidArgument, message: "\(name) \(value) is out of range; Bybit accepts \(range.lowerBound)...\(range.upperBound) \(what)", symbol: symbol)
        }
    }

    /// A pagination cursor as Bybit sent it: 1–512 characters, only unreserved characters,
    /// `%XX` escapes, `=` and `&`. Anything else cannot have come from Bybit.
    static func cursor(_ cursor: String?, symbol: String?) throws(BybitError) {
        guard let cursor else { return }
        let allowed = cursor.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte &- 0x30 < 10
                || "-._~%=&".utf8.contains(byte)
        }
        guard !cursor.isEmpty, cursor.utf8.count <= 512, allowed else {
            throw BybitError(code: .invalidArgument, message: "cursor '\(cursor)' is not one Bybit sends (expected something like lastid%3D19408935%26lasttime%3D1780617600); pass nextPageCursor from the previous page unchanged", symbol: symbol)
        }
    }
}

/// Client-side checks of every parameter before a request is sent, each failing with
/// ``BybitError/Code/invalidArgument`` and a message naming the value and the fix.
enum RequestValidation {
    static func symbol(_ symbol: String) throws(BybitError) {
        guard !symbol.isEmpty, symbol.utf8.count <= 64 else {
            throw BybitError(code: .invalidArgument, message: "symbol must be 1–64 characters, got '\(symbol)'", symbol: symbol)
        }
        if symbol.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            throw BybitError(code: .invalidArgument, message: "symbol '\(symbol)' must be upper case (Bybit rejects lower case); use '\(symbol.uppercased())'", symbol: symbol)
        }
        let allowed = symbol.utf8.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        guard allowed else {
            throw BybitError(code: .invalidArgument, message: "symbol '\(symbol)' may contain only A–Z, 0–9, '-' and '_' (for example BTCUSDT or BTC-27DEC24-100000-C)", symbol: symbol)
        }
    }

    static func category(_ category: BybitCategory, allowed: [BybitCategory], endpoint: String, symbol: String?) throws(BybitError) {
        guard allowed.contains(category) else {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw BybitError(code: .invalidArgument, message: "category '\(category)' is not served by \(endpoint); use one of: \(list)", symbol: symbol)
        }
    }

    static func limit(_ limit: Int?, maximum: Int, symbol: String) throws(BybitError) {
        guard let limit else { return }
        guard (1...maximum).contains(limit) else {
            throw BybitError(code: .invalidArgument, message: "limit \(limit) is out of range; Bybit accepts 1...\(maximum) candles per request (use candles(…) for longer ranges)", symbol: symbol)
        }
    }

    static func times(start: Int64?, end: Int64?, symbol: String, names: (String, String) = ("start", "end")) throws(BybitError) {
        if let start, start < 0 {
            throw BybitError(code: .invalidArgument, message: "\(names.0) \(start) is negative; pass milliseconds since 1970-01-01 UTC", symbol: symbol)
        }
        if let end, end < 0 {
            throw BybitError(code: .invalidArgument, message: "\(names.1) \(end) is negative; pass milliseconds since 1970-01-01 UTC", symbol: symbol)
        }
        if let start, let end, start > end {
            throw BybitError(code: .invalidArgument, message: "\(names.0) \(start) is after \(names.1) \(end); swap them or widen the range", symbol: symbol)
        }
    }
}

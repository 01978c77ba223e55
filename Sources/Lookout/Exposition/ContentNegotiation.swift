/// Content negotiation for metrics endpoints: pure functions from request headers to
/// the format and encoding to answer with.
public enum ContentNegotiation {
    /// The format a client asking with `accept` prefers.
    ///
    /// OpenMetrics when the client's most preferred acceptable media range is
    /// `application/openmetrics-text` (version 1.0.0, 0.0.1 or none); text 0.0.4 for
    /// `text/plain` (version 0.0.4 or none), wildcards, no header, or anything else.
    /// Media ranges are ranked by q-value, then by specificity, then by position;
    /// `q=0` means "not acceptable".
    public static func format(forAccept accept: String?) -> ExpositionFormat {
        guard let accept, !accept.isEmpty else { return .prometheusText }
        let ranges = MediaRange.parseList(accept).enumerated().sorted { lhs, rhs in
            if lhs.element.quality != rhs.element.quality { return lhs.element.quality > rhs.element.quality }
            if lhs.element.specificity != rhs.element.specificity { return lhs.element.specificity > rhs.element.specificity }
            return lhs.offset < rhs.offset
        }
        for (_, range) in ranges where range.quality > 0 {
            if let format = range.format { return format }
        }
        return .prometheusText
    }

    /// Whether a client sending `acceptEncoding` accepts a gzip-encoded body:
    /// `gzip` or `x-gzip` with a non-zero q, or `*` with a non-zero q unless gzip is
    /// explicitly refused.
    public static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var wildcard: Double?
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingSpaces().lowercased() }
            guard let coding = parts.first, !coding.isEmpty else { continue }
            let quality = MediaRange.quality(parts.dropFirst())
            if coding == "gzip" || coding == "x-gzip" { return quality > 0 }
            if coding == "*" { wildcard = quality }
        }
        return (wildcard ?? 0) > 0
    }
}

/// One media range of an `Accept` header.
struct MediaRange {
    let type: String
    let subtype: String
    let parameters: [String: String]
    let quality: Double

    /// 2 for `type/subtype`, 1 for `type/*`, 0 for `*/*`.
    var specificity: Int { type == "*" ? 0 : subtype == "*" ? 1 : 2 }

    /// The exposition format this range selects, if any.
    var format: ExpositionFormat? {
        let version = parameters["version"]
        switch (type, subtype) {
        case ("application", "openmetrics-text"):
            return version == nil || version == "1.0.0" || version == "0.0.1" ? .openMetrics : nil
        case ("text", "plain"):
            return version == nil || version == "0.0.4" ? .prometheusText : nil
        case ("text", "*"), ("*", "*"):
            return .prometheusText
        case ("application", "*"):
            return .openMetrics
        default:
            return nil
        }
    }

    static func parseList(_ header: String) -> [MediaRange] {
        header.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ";").map { $0.trimmingSpaces() }
            guard let mime = parts.first else { return nil }
            let pieces = mime.lowercased().split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else { return nil }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                var value = pair[1].trimmingSpaces()
                if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
                parameters[pair[0].trimmingSpaces().lowercased()] = value
            }
            return MediaRange(type: String(pieces[0]), subtype: String(pieces[1]), parameters: parameters,
                              quality: quality(parts.dropFirst().map { $0.lowercased() }))
        }
    }

    /// The `q` parameter among `parameters` (1 when absent; 0 when malformed, out of
    /// range or negative, so a garbled preference never wins).
    static func quality<S: Sequence>(_ parameters: S) -> Double where S.Element == String {
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            guard pair.count == 2, pair[0] == "q" else { continue }
            guard let value = Double(pair[1]), value >= 0, value <= 1 else { return 0 }
            return value
        }
        return 1
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

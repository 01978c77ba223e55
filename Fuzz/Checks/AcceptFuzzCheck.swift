import Lookout

/// `Accept` and `Accept-Encoding` headers: never a crash, and three invariants that follow
/// from the documented ranking (q-value, then specificity, then position).
enum AcceptFuzzCheck {
    static func check(_ data: [UInt8]) -> [String] {
        var problems: [String] = []
        let header = String(decoding: data, as: UTF8.self)
        _ = ContentNegotiation.format(forAccept: header)
        _ = ContentNegotiation.acceptsGzip(header)
        // Header values are bytes on the wire; the invariants are stated for ASCII text.
        let ascii = String(decoding: data.map { $0 & 0x7F }, as: UTF8.self)
        let lowered = ascii.lowercased()
        if !lowered.contains("application"), ContentNegotiation.format(forAccept: ascii) != .prometheusText {
            problems.append("no application/* range, yet OpenMetrics was chosen for \(quoted(ascii))")
        }
        let preferred = "application/openmetrics-text;version=1.0.0," + ascii
        if ContentNegotiation.format(forAccept: preferred) != .openMetrics {
            problems.append("a leading q=1 OpenMetrics range did not win for \(quoted(preferred))")
        }
        if !lowered.contains("gzip"), !lowered.contains("*"), ContentNegotiation.acceptsGzip(ascii) {
            problems.append("gzip accepted without gzip or * in \(quoted(ascii))")
        }
        if ContentNegotiation.acceptsGzip("gzip;q=0," + ascii) {
            problems.append("gzip accepted although refused first in \(quoted(ascii))")
        }
        return problems
    }

    static func quoted(_ text: String) -> String { String(reflecting: text) }
}

/// How swift-metrics labels and dimension keys become Prometheus metric and label names.
///
/// swift-metrics accepts any string; Prometheus (and Lookout) accept
/// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`. The rules, applied in order:
///
/// 1. Every Unicode scalar outside `[a-zA-Z0-9_]` (dots, dashes, spaces, colons, accented
///    letters, emoji) becomes one `_`: `http.server.request-duration` →
///    `http_server_request_duration`.
/// 2. A name starting with a digit gets a leading `_`: `5xx` → `_5xx`.
/// 3. A name starting with two or more underscores keeps one: `__name__` → `_name__`
///    (the `__` prefix is Prometheus' own).
/// 4. An empty name becomes `unnamed` (metric) or `dimension` (label).
/// 5. Label names only: `le` and `quantile`, which the formats reserve for histogram
///    buckets and summary quantiles, get a leading `_` (`_le`, `_quantile`).
///
/// The rules are deterministic but not one-to-one (`a.b` and `a-b` both give `a_b`):
/// ``LookoutMetricsFactory`` reports such collisions once, as a ``MetricsProblem``.
///
/// Thread-safety: pure functions.
public enum PrometheusNames {
    /// The metric name for a swift-metrics label, by the rules above.
    public static func metricName(_ label: String) -> String {
        sanitized(label, empty: "unnamed")
    }

    /// The label name for a swift-metrics dimension key, by the rules above.
    public static func labelName(_ key: String) -> String {
        let name = sanitized(key, empty: "dimension")
        return name == "le" || name == "quantile" ? "_" + name : name
    }

    private static func sanitized(_ text: String, empty: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let letter = (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
            let digit = value >= 0x30 && value <= 0x39
            bytes.append(letter || digit || value == 0x5F ? UInt8(truncatingIfNeeded: value) : UInt8(ascii: "_"))
        }
        guard let first = bytes.first else { return empty }
        if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            bytes.insert(UInt8(ascii: "_"), at: 0)
        } else if bytes.count >= 2, bytes[0] == UInt8(ascii: "_"), bytes[1] == UInt8(ascii: "_") {
            let rest = bytes.drop { $0 == UInt8(ascii: "_") }
            bytes = [UInt8(ascii: "_")] + rest
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

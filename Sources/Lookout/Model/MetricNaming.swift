/// The naming rules Lookout enforces, shared by registration, declarations and custom
/// collectors.
///
/// Lookout is stricter than the text formats in two places, so that every name it
/// accepts means the same in both formats and in PromQL: colons are refused (they are
/// reserved for recording rules), and so are names starting with `__` (reserved for
/// Prometheus' internal labels).
public enum MetricNaming {
    /// Whether `name` is a valid metric name: `[a-zA-Z_][a-zA-Z0-9_]*`, not starting `__`.
    public static func isValidMetricName(_ name: String) -> Bool {
        isIdentifier(name) && !name.hasPrefix("__")
    }

    /// Whether `name` is a valid label name: `[a-zA-Z_][a-zA-Z0-9_]*`, not starting `__`.
    public static func isValidLabelName(_ name: String) -> Bool {
        isIdentifier(name) && !name.hasPrefix("__")
    }

    /// Whether `name` is usable as a unit: `[a-z0-9_]+`, not starting or ending with `_`.
    public static func isValidUnit(_ name: String) -> Bool {
        !name.isEmpty && name.first != "_" && name.last != "_"
            && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    private static func isIdentifier(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let letter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
            let digit = byte >= 0x30 && byte <= 0x39
            guard letter || (digit && !first) else { return false }
            first = false
        }
        return !first
    }

    /// The sample names a family named `name` of `type` exposes (in either format).
    /// Two families collide when these sets overlap.
    public static func sampleNames(family name: String, type: MetricType) -> [String] {
        switch type {
        case .counter: return [name + "_total", name + "_created"]
        case .histogram: return [name + "_bucket", name + "_count", name + "_sum", name + "_created"]
        case .info: return [name + "_info"]
        case .gauge, .stateSet, .unknown: return [name]
        }
    }
}

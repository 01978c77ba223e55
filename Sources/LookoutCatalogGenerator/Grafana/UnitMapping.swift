import Lookout
import LookoutCatalog

/// Display units derived from a metric's base unit, and titles derived from its name.
enum UnitMapping {
    /// The unit of a value in `unit` (a gauge, a histogram quantile).
    static func value(_ unit: MetricUnit?) -> GrafanaUnit {
        switch unit?.rawValue {
        case "seconds": return .seconds
        case "bytes": return .bytes
        case "ratio": return .percentUnit
        case "celsius": return .celsius
        case "joules": return "joule"
        case "meters": return "lengthm"
        case "grams": return "massg"
        case "volts": return "volt"
        case "amperes": return "amp"
        default: return .short
        }
    }

    /// The unit of a counter's per-second rate: seconds per second is a share of time
    /// (CPU seconds become "% of a core"), bytes per second a throughput, and a plain count
    /// operations per second.
    static func rate(_ unit: MetricUnit?) -> GrafanaUnit {
        switch unit?.rawValue {
        case nil: return .operationsPerSecond
        case "seconds": return .percentUnit
        case "bytes": return .bytesPerSecond
        case "joules": return "watt"
        default: return .short
        }
    }

    /// A title from a family name: the unit suffix dropped, underscores as spaces, the
    /// first letter capitalised (`process_resident_memory_bytes` → `Process resident memory`).
    static func title(for metric: DeclaredMetric) -> String {
        var name = metric.familyName
        if let unit = metric.unit, name.hasSuffix("_" + unit.rawValue), name.count > unit.rawValue.count + 1 {
            name.removeLast(unit.rawValue.count + 1)
        }
        let words = name.replacingUnderscoresWithSpaces()
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

import Lookout
import LookoutCatalog

/// Units, as Prometheus' naming conventions want them: a declared unit is the name's
/// suffix, a unit suffix implies the declared unit, and only base units are used.
extension CatalogValidator {
    /// Suffixes of non-base units and the base-unit fix for each.
    static let nonBaseUnits: [(suffix: String, base: String, fix: String)] = [
        ("milliseconds", "seconds", "record seconds (divide by 1000)"),
        ("microseconds", "seconds", "record seconds (divide by 1e6)"),
        ("nanoseconds", "seconds", "record seconds (divide by 1e9)"),
        ("minutes", "seconds", "record seconds (multiply by 60)"),
        ("hours", "seconds", "record seconds (multiply by 3600)"),
        ("days", "seconds", "record seconds (multiply by 86400)"),
        ("ms", "seconds", "record seconds (divide by 1000)"),
        ("kilobytes", "bytes", "record bytes (multiply by 1000)"),
        ("megabytes", "bytes", "record bytes (multiply by 1e6)"),
        ("gigabytes", "bytes", "record bytes (multiply by 1e9)"),
        ("kibibytes", "bytes", "record bytes (multiply by 1024)"),
        ("mebibytes", "bytes", "record bytes (multiply by 1048576)"),
        ("bits", "bytes", "record bytes (divide by 8)"),
        ("percent", "ratio", "record a ratio from 0 to 1 (divide by 100)"),
        ("percentage", "ratio", "record a ratio from 0 to 1 (divide by 100)"),
    ]

    /// The base units a name suffix implies.
    static let baseUnits: [MetricUnit] = [.seconds, .bytes, .ratio, .celsius, .joules, .meters, .grams, .volts, .amperes]

    /// Checks `metric`'s unit against its name.
    ///
    /// - Returns: Whether a non-base unit was reported (the registry's own unit message,
    ///   which would suggest appending the base unit, is then redundant).
    mutating func checkUnit(of metric: DeclaredMetric, subject: String, in catalog: MetricCatalog) -> Bool {
        let family = metric.familyName
        let suffixes = [family.split(separator: "_").last.map(String.init) ?? "", metric.unit?.rawValue ?? ""]
        if let wrong = Self.nonBaseUnits.first(where: { suffixes.contains($0.suffix) }) {
            var stem = family
            if stem.hasSuffix("_" + wrong.suffix) { stem.removeLast(wrong.suffix.count + 1) }
            let renamed = "\(stem)_\(wrong.base)\(metric.type == .counter ? "_total" : "")"
            report(catalog, subject, "'\(wrong.suffix)' is not a base unit; rename it to '\(renamed)', declare unit: .\(wrong.base) and \(wrong.fix)")
            return true
        }
        if let implied = Self.baseUnits.first(where: { family.hasSuffix("_" + $0.rawValue) }), metric.unit != implied {
            guard let declared = metric.unit else {
                report(catalog, subject, "the name ends in '_\(implied.rawValue)', so declare unit: .\(implied.rawValue) (panels then show the unit)")
                return false
            }
            let stem = String(family.dropLast(implied.rawValue.count + 1))
            report(catalog, subject, "the name ends in '_\(implied.rawValue)' but the declared unit is '\(declared)'; declare unit: .\(implied.rawValue), or rename it to '\(stem)_\(declared)\(metric.type == .counter ? "_total" : "")' if it really counts \(declared)")
            return true
        }
        return false
    }
}

/// The identity of a metric family: name, help, type, unit and label names, validated.
///
/// A descriptor is what registration compares: registering the same descriptor twice
/// returns the existing family; the same name with any difference is an error.
///
/// Counter names may be given with or without `_total` and info names with or without
/// `_info`; ``name`` is the family name without the suffix, as OpenMetrics writes it.
public struct MetricDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The family name (no `_total`/`_info` suffix).
    public let name: String
    /// One line of help text; never empty.
    public let help: String
    /// The family's type.
    public let type: MetricType
    /// The unit, if any; when present, ``name`` ends in `_<unit>`.
    public let unit: MetricUnit?
    /// The label names every series of the family has, in order.
    public let labelNames: [String]

    /// Validates and creates a descriptor.
    ///
    /// - Throws: ``MetricError`` naming the problem: an invalid or reserved name or label
    ///   name, a duplicate label, a unit the name does not end with, or empty help.
    public init(name: String, help: String, type: MetricType, unit: MetricUnit? = nil, labelNames: [String] = []) throws(MetricError) {
        var family = name
        if type == .counter, family.hasSuffix("_total") { family.removeLast(6) }
        if type == .info, family.hasSuffix("_info") { family.removeLast(5) }
        guard MetricNaming.isValidMetricName(family) else {
            throw MetricError(.invalidName, metric: name,
                              "names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with '__' (colons are reserved for recording rules)")
        }
        for suffix in ["_created", "_bucket", "_total", "_info"] where family.hasSuffix(suffix) {
            throw MetricError(.invalidName, metric: name,
                              "the suffix '\(suffix)' is reserved by the exposition formats for \(type.rawValue)s; choose a name without it")
        }
        if let unit {
            guard MetricNaming.isValidUnit(unit.rawValue) else {
                throw MetricError(.unitMismatch, metric: name, "unit '\(unit)' must match [a-z0-9_]+; use a base unit such as 'seconds' or 'bytes'")
            }
            guard family.hasSuffix("_" + unit.rawValue) else {
                throw MetricError(.unitMismatch, metric: name,
                                  "unit '\(unit)' requires the name to end in '_\(unit)'; rename it to '\(family)_\(unit)\(type == .counter ? "_total" : "")' or drop the unit")
            }
        }
        guard !help.isEmpty else {
            throw MetricError(.missingHelp, metric: name, "help must not be empty; say what the metric measures and in which unit")
        }
        var seen = Set<String>()
        for label in labelNames {
            guard MetricNaming.isValidLabelName(label) else {
                let reserved = label.hasPrefix("__") && MetricNaming.isValidLabelName(String(label.dropFirst(2)))
                throw MetricError(reserved ? .reservedLabelName : .invalidLabelName, metric: name,
                                  "label name '\(label)' is invalid: label names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with '__'")
            }
            if label == "quantile" || (label == "le" && type == .histogram) || (label == family && type == .stateSet) {
                throw MetricError(.reservedLabelName, metric: name,
                                  "label name '\(label)' is reserved for \(type.rawValue)s by the exposition formats; rename the label")
            }
            guard seen.insert(label).inserted else {
                throw MetricError(.duplicateLabelName, metric: name, "label name '\(label)' appears twice; each label name must be unique")
            }
        }
        self.name = family
        self.help = help
        self.type = type
        self.unit = unit
        self.labelNames = labelNames
    }

    /// The sample names this family exposes; see ``MetricNaming/sampleNames(family:type:)``.
    public var sampleNames: [String] { MetricNaming.sampleNames(family: name, type: type) }

    public var description: String {
        "\(type.rawValue) \(name)\(labelNames.isEmpty ? "" : "{" + labelNames.joined(separator: ",") + "}")"
    }
}

import Lookout

/// Everything a declaration says about one metric family: its identity (name, help,
/// type, unit, labels, buckets or states) and how to chart it.
///
/// Declarations never throw when created, so they can be `static let`s; a
/// ``MetricCatalog`` validates them all at once (listing every problem), and
/// registration validates the one being registered.
public struct DeclaredMetric: Sendable, Hashable {
    /// The name as declared (counters may include `_total`, info metrics `_info`).
    public let name: String
    /// One line of help text.
    public let help: String
    /// The family's type.
    public let type: MetricType
    /// The base unit, if any; the name must end in `_<unit>`.
    public let unit: MetricUnit?
    /// The label names every series of the family carries.
    public let labelNames: [String]
    /// Histogram bucket bounds (histograms only).
    public let buckets: BucketLayout?
    /// State names (state sets only).
    public let states: [String]
    /// Presentation hints for the generated dashboards.
    public let chart: Chart

    package init(name: String, help: String, type: MetricType, unit: MetricUnit?, labelNames: [String],
         buckets: BucketLayout? = nil, states: [String] = [], chart: Chart)
    {
        self.name = name
        self.help = help
        self.type = type
        self.unit = unit
        self.labelNames = labelNames
        self.buckets = buckets
        self.states = states
        self.chart = chart
    }

    package init(_ descriptor: MetricDescriptor, buckets: BucketLayout? = nil, states: [String] = [], chart: Chart) {
        self.init(name: descriptor.name, help: descriptor.help, type: descriptor.type, unit: descriptor.unit,
                  labelNames: descriptor.labelNames, buckets: buckets, states: states, chart: chart)
    }

    /// The family name, without the `_total` (counters) or `_info` (info) suffix, exactly
    /// as `MetricDescriptor/name` computes it.
    public var familyName: String {
        if type == .counter, name.hasSuffix("_total") { return String(name.dropLast(6)) }
        if type == .info, name.hasSuffix("_info") { return String(name.dropLast(5)) }
        return name
    }

    /// The validated descriptor the registry is given.
    ///
    /// - Throws: `MetricError` if the name, unit, help or labels are invalid.
    public func descriptor() throws(MetricError) -> MetricDescriptor {
        try MetricDescriptor(name: name, help: help, type: type, unit: unit, labelNames: labelNames)
    }

    /// The name of the sample a plain selector of this family reads: `<family>_total` for
    /// counters, `<family>_info` for info metrics, the family name otherwise.
    package var seriesName: String {
        switch type {
        case .counter: return familyName + "_total"
        case .info: return familyName + "_info"
        default: return familyName
        }
    }

    /// The labels a selector or aggregation may use: the declared ones plus the target
    /// labels Prometheus attaches (`job`, `instance`), plus `le` on histograms' buckets.
    package var selectableLabels: Set<String> {
        Set(labelNames + ["job", "instance"] + (type == .stateSet ? [familyName] : []))
    }
}

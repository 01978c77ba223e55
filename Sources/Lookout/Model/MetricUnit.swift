/// The unit of a metric, written on OpenMetrics' `# UNIT` line.
///
/// Use base units (seconds, bytes, ratio), never prefixed ones (milliseconds, kilobytes):
/// dashboards scale for display. A metric with a unit must have a name ending in
/// `_<unit>` (before `_total` for counters), as OpenMetrics requires; registration
/// checks this.
public struct MetricUnit: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The unit's name as it appears in metric names, for example `seconds`.
    public let rawValue: String

    /// A unit named `rawValue`. It must be a valid metric-name fragment
    /// (`[a-z0-9_]`, not empty); registration rejects anything else.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A unit from a string literal, for example `"celsius"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    /// Time in seconds.
    public static let seconds: MetricUnit = "seconds"
    /// Size in bytes.
    public static let bytes: MetricUnit = "bytes"
    /// A dimensionless ratio, 0...1 (not a percentage).
    public static let ratio: MetricUnit = "ratio"
    /// Temperature in degrees Celsius.
    public static let celsius: MetricUnit = "celsius"
    /// Energy in joules.
    public static let joules: MetricUnit = "joules"
    /// Distance in meters.
    public static let meters: MetricUnit = "meters"
    /// Mass in grams.
    public static let grams: MetricUnit = "grams"
    /// Electric potential in volts.
    public static let volts: MetricUnit = "volts"
    /// Electric current in amperes.
    public static let amperes: MetricUnit = "amperes"
}

/// A Grafana display unit id, such as `s`, `bytes`, `reqps` or `percentunit`.
///
/// Metrics are exported in base units (seconds, bytes, ratios); the display unit tells
/// Grafana how to scale and label them. Any id from Grafana's unit list works, as do
/// custom units (`suffix:req`); a catalog with an unknown id fails validation.
public struct GrafanaUnit: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The Grafana unit id.
    public let rawValue: String

    /// The unit with id `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The unit with id `value`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The unit id.
    public var description: String { rawValue }

    /// Whether Grafana knows the id (or it is a custom `suffix:`/`prefix:`/... unit).
    public var isKnown: Bool {
        Self.knownIDs.contains(rawValue) || Self.customPrefixes.contains { rawValue.hasPrefix($0) && rawValue.count > $0.count }
    }

    /// Seconds, auto-scaled (`1.5 ms`, `2 min`).
    public static let seconds: GrafanaUnit = "s"
    /// Milliseconds.
    public static let milliseconds: GrafanaUnit = "ms"
    /// A duration in seconds, shown as `1d 2h`.
    public static let duration: GrafanaUnit = "dtdurations"
    /// Bytes, IEC-scaled (KiB, MiB).
    public static let bytes: GrafanaUnit = "bytes"
    /// Bytes per second, IEC-scaled.
    public static let bytesPerSecond: GrafanaUnit = "binBps"
    /// Requests per second.
    public static let requestsPerSecond: GrafanaUnit = "reqps"
    /// Operations per second.
    public static let operationsPerSecond: GrafanaUnit = "ops"
    /// A 0–1 ratio shown as a percentage.
    public static let percentUnit: GrafanaUnit = "percentunit"
    /// A 0–100 percentage.
    public static let percent: GrafanaUnit = "percent"
    /// A plain number with SI-like suffixes (`1.2 K`).
    public static let short: GrafanaUnit = "short"
    /// A plain number, unscaled.
    public static let none: GrafanaUnit = "none"
    /// A Unix timestamp shown relative to now ("3 hours ago").
    public static let dateTimeFromNow: GrafanaUnit = "dateTimeFromNow"
    /// Degrees Celsius.
    public static let celsius: GrafanaUnit = "celsius"
}

/// A Prometheus duration (`5m`, `1h30m`, `28d`): a whole number of seconds.
///
/// Used for rule `for`/`keep_firing_for`, range windows and test evaluation times. It is
/// rendered in the compact form Prometheus parses, largest unit first (`d`, `h`, `m`, `s`).
public struct PromDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds; never negative.
    public let seconds: Int

    /// A duration of `seconds` seconds (negative values are clamped to zero).
    public init(seconds: Int) { self.seconds = max(0, seconds) }

    /// `count` seconds.
    public static func seconds(_ count: Int) -> PromDuration { PromDuration(seconds: count) }
    /// `count` minutes.
    public static func minutes(_ count: Int) -> PromDuration { PromDuration(seconds: count * 60) }
    /// `count` hours.
    public static func hours(_ count: Int) -> PromDuration { PromDuration(seconds: count * 3_600) }
    /// `count` days of 24 hours.
    public static func days(_ count: Int) -> PromDuration { PromDuration(seconds: count * 86_400) }

    /// The Prometheus spelling, for example `1h30m`; zero is `0s`.
    public var description: String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var text = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }

    /// Orders by length.
    public static func < (lhs: PromDuration, rhs: PromDuration) -> Bool { lhs.seconds < rhs.seconds }
}

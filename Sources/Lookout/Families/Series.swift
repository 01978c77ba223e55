/// One time series of a metric family: a fixed set of label values and a live value.
///
/// `Series` is the common base of ``Counter``, ``Gauge``, ``Histogram``, ``Info`` and
/// ``StateSet``; you get series from a family (`family.labels("GET")`) or from a
/// registry's unlabelled shortcuts, never by constructing one. A series keeps its
/// labels pre-rendered for exposition and its creation time for OpenMetrics `_created`.
///
/// Thread-safety: every series is safe to use from any thread.
public class Series: @unchecked Sendable {
    // @unchecked Sendable: Series is not open (subclasses exist only in this module), its
    // own stored properties are immutable `let`s of Sendable types, and every subclass is
    // final and holds only atomics, Mutex-guarded state or immutable values.

    /// Hash of the raw label values under the family's seed (see ``LabelKey``).
    @usableFromInline let labelHash: UInt64
    /// `name="value",...`, escaped, without braces.
    @usableFromInline let renderedLabels: [UInt8]
    /// When the series was created, in seconds since the Unix epoch (OpenMetrics `_created`).
    public let createdTimestamp: Double

    init(renderedLabels: [UInt8], labelHash: UInt64) {
        self.renderedLabels = renderedLabels
        self.labelHash = labelHash
        self.createdTimestamp = WallClock.nowSeconds()
    }

    /// The series' labels.
    public var labels: Labels { Labels(rendered: renderedLabels) }

    /// The current value, for snapshots; overridden by every concrete series type.
    func snapshotValue() -> SeriesSnapshot.Value {
        preconditionFailure("Series subclasses override snapshotValue()")
    }
}

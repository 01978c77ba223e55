/// A price an instrument's simulated walk passes through exactly: the instrument's price
/// history is pinned at a few instants (for example one a year), and the walk wanders
/// between them, so candles of any period sit in a plausible range for that period.
///
/// Anchors are compared by the UTC day that holds ``time``; the walk passes through
/// ``price`` at the start of that day.
public struct PriceAnchor: Sendable, Hashable {
    /// The instant, in ms since the epoch; only its UTC day matters.
    public var time: Int64
    /// The price at the start of that day, in the quote coin.
    public var price: DecimalAmount

    /// Creates an anchor at `time` (ms since the epoch) with `price`.
    public init(time: Int64, price: DecimalAmount) {
        self.time = time
        self.price = price
    }

    /// Creates an anchor at the start of a UTC calendar day.
    public init(year: Int64, month: Int64, day: Int64, price: DecimalAmount) {
        self.init(time: CivilDate(year: year, month: month, day: day).daysSinceEpoch * CandleInterval.millisecondsPerDay, price: price)
    }

    /// The UTC day (days since the epoch) the anchor pins.
    var day: Int64 { floorDivide(time, CandleInterval.millisecondsPerDay) }
}

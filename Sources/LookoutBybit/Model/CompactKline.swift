/// A ``Kline`` in 64 bytes instead of 224, for holding long ranges in memory: the start
/// time, each value's significand as an `Int64` and its number of fractional digits as a
/// byte. The digits are exactly the exchange's: ``kline`` gives back the same candle, and
/// every value's `description` is the same text, trailing zeros included.
///
/// Not every candle fits: a significand beyond `Int64` (over 18 digits, such as a turnover
/// of 10¹⁹ units at the tick) makes ``init(_:)`` return `nil`; ``CompactKlines`` keeps such
/// rare rows whole. Use `Kline` for single candles and APIs; use this (through
/// ``CompactKlines``) where a whole range must be held.
///
/// Equality compares the stored digits (`1.80` and `1.8` differ), unlike `Kline`'s numeric
/// equality. A value type: `Sendable`, thread-safe to share.
public struct CompactKline: Sendable, Hashable {
    /// When the candle opens, in milliseconds since the Unix epoch (UTC).
    public let startTime: Int64
    private let open: Int64
    private let high: Int64
    private let low: Int64
    private let close: Int64
    private let volume: Int64
    private let turnover: Int64
    private let openScale: UInt8
    private let highScale: UInt8
    private let lowScale: UInt8
    private let closeScale: UInt8
    private let volumeScale: UInt8
    private let turnoverScale: UInt8
    /// `false` for the still-forming candle (see ``KlineRow/isClosed``).
    public let isClosed: Bool

    /// The candle in compact form, or `nil` when a significand does not fit 64 bits.
    public init?(_ kline: Kline) {
        guard let open = Int64(exactly: kline.open.significand), let high = Int64(exactly: kline.high.significand),
              let low = Int64(exactly: kline.low.significand), let close = Int64(exactly: kline.close.significand),
              let volume = Int64(exactly: kline.volume.significand), let turnover = Int64(exactly: kline.turnover.significand)
        else { return nil }
        startTime = kline.startTime
        (self.open, self.high, self.low, self.close, self.volume, self.turnover) = (open, high, low, close, volume, turnover)
        openScale = UInt8(kline.open.scale)
        highScale = UInt8(kline.high.scale)
        lowScale = UInt8(kline.low.scale)
        closeScale = UInt8(kline.close.scale)
        volumeScale = UInt8(kline.volume.scale)
        turnoverScale = UInt8(kline.turnover.scale)
        isClosed = kline.isClosed
    }

    /// The full candle, with every value's own digits.
    public var kline: Kline {
        Kline(startTime: startTime,
              open: ExactDecimal(uncheckedSignificand: Int128(open), scale: Int(openScale)),
              high: ExactDecimal(uncheckedSignificand: Int128(high), scale: Int(highScale)),
              low: ExactDecimal(uncheckedSignificand: Int128(low), scale: Int(lowScale)),
              close: ExactDecimal(uncheckedSignificand: Int128(close), scale: Int(closeScale)),
              volume: ExactDecimal(uncheckedSignificand: Int128(volume), scale: Int(volumeScale)),
              turnover: ExactDecimal(uncheckedSignificand: Int128(turnover), scale: Int(turnoverScale)),
              isClosed: isClosed)
    }
}

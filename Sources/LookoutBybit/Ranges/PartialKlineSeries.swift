/// A sub-range of a range fetch that failed after every retry: no candle with a start time
/// in ``from``...``to`` was received, and ``error`` says why.
public struct MissingCandleRange: Sendable, Hashable, CustomStringConvertible {
    /// First start time missing, ms since the epoch (inclusive).
    public var from: Int64
    /// Last start time missing, ms since the epoch (inclusive).
    public var to: Int64
    /// Why the page covering this sub-range failed (its last attempt; earlier attempts in
    /// ``BybitError/earlierAttempts``).
    public var error: BybitError

    /// Creates a missing sub-range.
    public init(from: Int64, to: Int64, error: BybitError) {
        self.from = from
        self.to = to
        self.error = error
    }

    /// E.g. `2024-01-01T00:00:00Z … 2024-01-01T16:39:00Z: Bybit httpStatus: …`.
    public var description: String {
        "\(BybitTimestamp.format(from)) … \(BybitTimestamp.format(to)): \(error)"
    }
}

/// The outcome of ``BybitClient/partialCandles(category:symbol:interval:from:to:)``: the
/// candles that arrived, and the sub-ranges whose page failed after every retry.
///
/// Check ``isComplete`` (or ``missing``) before treating ``series`` as the whole range: a
/// start time absent from ``KlineSeries/rows`` either had no trade (the exchange sent no
/// candle) or lies in one of ``missing``'s sub-ranges. A value type; safe to share.
public struct PartialKlineSeries<Row: KlineRow>: Sendable, Hashable {
    /// The candles received, ascending and unique by start time, the open candle marked;
    /// ``KlineSeries/pages`` counts every page requested, failed ones included.
    public var series: KlineSeries<Row>
    /// The failed sub-ranges, ascending, one per failed page, clamped to the range asked
    /// for; empty when the whole range arrived.
    public var missing: [MissingCandleRange]

    /// Creates a result.
    public init(series: KlineSeries<Row>, missing: [MissingCandleRange]) {
        self.series = series
        self.missing = missing
    }

    /// `true` when no page failed: ``series`` is the whole range, exactly what
    /// ``BybitClient/candles(category:symbol:interval:from:to:)`` returns.
    public var isComplete: Bool { missing.isEmpty }
}

extension BybitError.Code {
    /// Whether a failure of one page says nothing about the range's other pages (a server
    /// hiccup, a timeout, a malformed page), so a partial fetch goes on with them; a
    /// rejected parameter, an IP ban or cancellation fails every page alike and ends it.
    var isPageLocal: Bool {
        switch self {
        case .invalidArgument, .invalidConfiguration, .badRequest, .ipBanned, .cancelled: false
        default: true
        }
    }
}

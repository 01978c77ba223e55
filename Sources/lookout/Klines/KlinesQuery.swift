import LookoutBybit
import LookoutHTTP

/// The checked parameters of `GET /api/v1/klines` and `GET /api/v1/klines/batch`.
///
/// Every parameter is validated before anything is sent upstream: a wrong one is a
/// ``KlinesQueryError`` naming it (answered `400`). Which candles:
/// - neither `start` nor `end`: the latest `limit` candles, the open one last;
/// - `start` only: `limit` candles from `start` (up to now);
/// - `end` only: the `limit` candles up to `end`;
/// - both: every candle starting in `start...end`, at most `limit` of them (a longer
///   range is rejected rather than cut short; a month counts as 28 days for this check).
struct KlinesQuery: Sendable, Equatable {
    /// Which candles of each symbol.
    enum Selection: Sendable, Hashable {
        case latest(limit: Int)
        /// Start times in `from...to` (ms since the epoch); `limit` caps the count.
        case range(from: Int64, to: Int64, limit: Int)
    }

    /// Upper-case symbols, in the order given, without duplicates.
    var symbols: [String]
    var interval: KlineInterval
    var category: BybitCategory
    var selection: Selection
    /// Whether the open (still changing) candle is left out.
    var excludeOpen: Bool

    /// The most candles one symbol's answer holds, and the default count.
    static let maxLimit = 1000
    static let defaultLimit = 200
    /// The most symbols one batch request may name.
    static let maxBatchSymbols = 50
    /// The latest accepted time: 9999-12-31T23:59:59.999Z.
    static let maxTime: Int64 = 253_402_300_799_999

    /// The intervals, listed for error messages.
    static let intervalList = KlineInterval.allCases.map(\.rawValue).joined(separator: ", ")

    /// The parameters of the single-symbol route.
    static let singleParameters = ["symbol", "interval", "category", "start", "end", "limit", "exclude_open"]
    /// The parameters of the batch route.
    static let batchParameters = ["symbols", "interval", "category", "start", "end", "limit", "exclude_open"]

    /// Reads `query`; `batch` selects `symbols=A,B,C` instead of `symbol=A`. `now` (ms)
    /// bounds the ranges that end "now".
    ///
    /// - Throws: ``KlinesQueryError`` for the first wrong parameter, in the order listed in
    ///   ``singleParameters`` (unknown and repeated parameters first).
    init(_ query: HTTPQuery, batch: Bool, now: Int64) throws(KlinesQueryError) {
        let known = batch ? Self.batchParameters : Self.singleParameters
        var seen: UInt32 = 0  // bit i: known[i] was given (no set to allocate per request)
        for item in query {
            guard let index = known.firstIndex(of: item.name) else {
                throw KlinesQueryError(item.name, "is not a parameter of this endpoint; known parameters: \(known.joined(separator: ", "))")
            }
            guard seen & (1 << index) == 0 else { throw KlinesQueryError(item.name, "is given more than once") }
            seen |= 1 << index
        }
        func value(_ name: String) throws(KlinesQueryError) -> String? {
            guard let text = query[name] else { return nil }
            guard !text.isEmpty else { throw KlinesQueryError(name, "is empty") }
            return text
        }
        if batch {
            guard let list = try value("symbols") else {
                throw KlinesQueryError("symbols", "is missing; give a comma-separated list such as BTCUSDT,ETHUSDT")
            }
            let names = list.split(separator: ",", omittingEmptySubsequences: false)
            guard names.count <= Self.maxBatchSymbols else {
                throw KlinesQueryError("symbols", "names \(names.count) symbols; at most \(Self.maxBatchSymbols) per request")
            }
            var unique: [String] = []
            for name in names {
                let symbol = try Self.symbol(String(name), parameter: "symbols")
                guard !unique.contains(symbol) else { throw KlinesQueryError("symbols", "names \(symbol) more than once") }
                unique.append(symbol)
            }
            symbols = unique
        } else {
            guard let text = try value("symbol") else { throw KlinesQueryError("symbol", "is missing; give a symbol such as BTCUSDT") }
            symbols = [try Self.symbol(text, parameter: "symbol")]
        }
        let intervals = Self.intervalList
        guard let intervalText = try value("interval") else {
            throw KlinesQueryError("interval", "is missing; use one of \(intervals) (minutes, or D, W, M)")
        }
        guard let interval = KlineInterval(rawValue: intervalText.uppercased()) else {
            throw KlinesQueryError("interval", "'\(intervalText)' is not a kline interval; use one of \(intervals)")
        }
        self.interval = interval
        if let text = try value("category") {
            guard let category = BybitCategory(rawValue: text), category != .option else {
                throw KlinesQueryError("category", "must be spot, linear or inverse, got '\(text)'")
            }
            self.category = category
        } else {
            category = .linear
        }
        let start = try value("start").map { (text) throws(KlinesQueryError) in try Self.time(text, parameter: "start") }
        let end = try value("end").map { (text) throws(KlinesQueryError) in try Self.time(text, parameter: "end") }
        var limit = Self.defaultLimit
        if let text = try value("limit") {
            guard let number = Int(text) else { throw KlinesQueryError("limit", "must be a whole number from 1 to \(Self.maxLimit), got '\(text)'") }
            guard (1...Self.maxLimit).contains(number) else {
                throw KlinesQueryError("limit", "must be from 1 to \(Self.maxLimit), got \(number)")
            }
            limit = number
        }
        if let text = try value("exclude_open") {
            switch text.lowercased() {
            case "true", "1": excludeOpen = true
            case "false", "0": excludeOpen = false
            default: throw KlinesQueryError("exclude_open", "must be true or false, got '\(text)'")
            }
        } else {
            excludeOpen = false
        }
        let length = interval.milliseconds ?? 28 * 86_400_000
        let span = Int64(limit - 1) * length
        switch (start, end) {
        case (nil, nil):
            selection = .latest(limit: limit)
        case (let from?, nil):
            // Minute and day candles start at multiples of their length: count from the first.
            let first = interval.isEpochAligned ? (from + length - 1) / length * length : from
            selection = .range(from: from, to: max(from, min(now, first + span)), limit: limit)
        case (nil, let to?):
            let last = interval.isEpochAligned ? to / length * length : to
            selection = .range(from: max(0, last - span), to: to, limit: limit)
        case (let from?, let to?):
            guard from <= to else {
                throw KlinesQueryError("start", "\(BybitTimestamp.format(from)) is after end \(BybitTimestamp.format(to))")
            }
            let count = (to - from) / length + 1
            guard count <= Int64(limit) else {
                throw KlinesQueryError("limit", "is \(limit) but start...end spans up to \(count) candles; narrow the range or raise limit (at most \(Self.maxLimit))")
            }
            selection = .range(from: from, to: to, limit: limit)
        }
    }

    /// An upper-cased symbol of 2 to 40 ASCII letters and digits.
    static func symbol(_ text: String, parameter: String) throws(KlinesQueryError) -> String {
        guard !text.isEmpty else { throw KlinesQueryError(parameter, "has an empty symbol") }
        guard (2...40).contains(text.utf8.count), text.utf8.allSatisfy(isASCIIAlphanumeric) else {
            throw KlinesQueryError(parameter, "'\(text)' is not a symbol: 2 to 40 ASCII letters and digits, such as BTCUSDT")
        }
        return text.uppercased()
    }

    /// Milliseconds since the epoch or an ISO 8601 UTC date(-time), up to ``maxTime``.
    static func time(_ text: String, parameter: String) throws(KlinesQueryError) -> Int64 {
        guard let value = BybitTimestamp.parse(text), value >= 0, value <= maxTime else {
            throw KlinesQueryError(parameter, "must be milliseconds since 1970 or a UTC date-time such as 2024-06-01T12:30Z (up to year 9999), got '\(text)'")
        }
        return value
    }
}

/// A query parameter of the klines API that is missing or wrong: which one and why.
struct KlinesQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter's name, as in the query string.
    let parameter: String
    /// Why it was rejected, phrased to follow the parameter's name.
    let reason: String

    init(_ parameter: String, _ reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    var description: String { "parameter '\(parameter)' \(reason)" }

    /// The `400` problem naming the parameter (also as the `parameter` member).
    var response: HTTPResponse {
        .problem(ProblemDetails(status: .badRequest, detail: description, extensions: ["parameter": parameter]))
    }
}

private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
}

extension KlineInterval {
    /// Whether candles start at multiples of the length since the epoch (minutes and days;
    /// weeks start on Mondays and months vary).
    fileprivate var isEpochAligned: Bool { self != .week && self != .month }
}

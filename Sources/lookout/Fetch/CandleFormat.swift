import LookoutBybit

/// How `lookout fetch` writes candles: symbols in the order given, candles ascending,
/// prices and volumes exactly as the exchange sent them (no floating point).
enum CandleFormat: String {
    /// `symbol,start,start_utc,open,high,low,close,volume,turnover,closed`, one row per
    /// candle (RFC 4180; no field needs quoting).
    case csv
    /// One object with sorted keys: `category`, `errors`, `interval`, `symbols` (each with its
    /// `candles`); decimals as strings so no digit is lost.
    case json
    /// JSON Lines: one object per candle per line, with the JSON format's candle fields plus
    /// its `symbol`, keys sorted; no header, no errors (they go to standard error). A range
    /// is streamed as pages arrive.
    case jsonl
    /// Aligned columns for reading in a terminal; the still-open candle is marked `*`.
    case table

    /// One symbol's candles, held compactly (64 bytes a candle) until they are written.
    struct Series {
        var symbol: String
        var candles: CompactKlines
    }

    /// One symbol that failed.
    struct Failure {
        var symbol: String
        var error: BybitError
    }

    /// The whole document for `series` (and, in JSON, the `failures`).
    func render(_ series: [Series], failures: [Failure], category: BybitCategory, interval: KlineInterval) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(series.reduce(0) { $0 + $1.candles.count } * 120 + 256)
        switch self {
        case .csv: Self.csv(series, into: &out)
        case .json: Self.json(series, failures: failures, category: category, interval: interval, into: &out)
        case .jsonl:
            for entry in series {
                for candle in entry.candles { Self.jsonlRow(symbol: entry.symbol, candle, into: &out) }
            }
        case .table: Self.table(series, into: &out)
        }
        return out
    }

    /// The CSV header line.
    static let csvHeader = "symbol,start,start_utc,open,high,low,close,volume,turnover,closed\n"

    /// The header a streamed document starts with (CSV's column names; nothing for JSON Lines).
    var streamHeader: String { self == .csv ? Self.csvHeader : "" }

    /// One streamed line for `candle` of `symbol` in this format (CSV or JSON Lines);
    /// `csv` is the symbol's row writer (``CSVRowWriter``).
    func streamRow(symbol: String, _ candle: Kline, csv: inout CSVRowWriter, into out: inout [UInt8]) {
        if self == .jsonl { Self.jsonlRow(symbol: symbol, candle, into: &out) } else { csv.append(candle, to: &out) }
    }

    /// One JSON Lines object for `candle` of `symbol`, newline included.
    static func jsonlRow(symbol: String, _ candle: Kline, into out: inout [UInt8]) {
        out += "{".utf8
        candleMembers(candle, into: &out)
        out += ",\"symbol\":\(JSONText.quoted(symbol)),\"turnover\":\"\(candle.turnover)\",\"volume\":\"\(candle.volume)\"}\n".utf8
    }

    /// The members of a candle object from `close` to `start_utc` (sorted keys).
    private static func candleMembers(_ candle: Kline, into out: inout [UInt8]) {
        out += ("\"close\":\"\(candle.close)\",\"closed\":\(candle.isClosed),\"high\":\"\(candle.high)\",\"low\":\"\(candle.low)\","
            + "\"open\":\"\(candle.open)\",\"start\":\(candle.startTime),\"start_utc\":\"\(BybitTimestamp.format(candle.startTime))\"").utf8
    }

    private static func csv(_ series: [Series], into out: inout [UInt8]) {
        out += csvHeader.utf8
        for entry in series {
            var writer = CSVRowWriter(symbol: entry.symbol)
            for candle in entry.candles { writer.append(candle, to: &out) }
        }
    }

    private static func json(_ series: [Series], failures: [Failure], category: BybitCategory, interval: KlineInterval, into out: inout [UInt8]) {
        out += "{\"category\":\(JSONText.quoted(category.rawValue)),\"errors\":[".utf8
        for (index, failure) in failures.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += "{\"code\":\(JSONText.quoted(failure.error.code.description)),\"message\":\(JSONText.quoted(failure.error.description)),\"symbol\":\(JSONText.quoted(failure.symbol))}".utf8
        }
        out += "],\"interval\":\(JSONText.quoted(interval.rawValue)),\"symbols\":[".utf8
        for (index, entry) in series.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += "{\"candles\":[".utf8
            for (row, candle) in entry.candles.enumerated() {
                if row > 0 { out.append(UInt8(ascii: ",")) }
                out += "{".utf8
                candleMembers(candle, into: &out)
                out += ",\"turnover\":\"\(candle.turnover)\",\"volume\":\"\(candle.volume)\"}".utf8
            }
            out += "],\"symbol\":\(JSONText.quoted(entry.symbol))}".utf8
        }
        out += "]}\n".utf8
    }

    private static func table(_ series: [Series], into out: inout [UInt8]) {
        let header = ["SYMBOL", "START (UTC)", "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME", "TURNOVER"]
        var rows: [[String]] = []
        for entry in series {
            for candle in entry.candles {
                rows.append([entry.symbol, BybitTimestamp.format(candle.startTime) + (candle.isClosed ? " " : "*"), candle.open.description,
                             candle.high.description, candle.low.description, candle.close.description, candle.volume.description,
                             candle.turnover.description])
            }
        }
        var widths = header.map(\.count)
        for row in rows { for (column, field) in row.enumerated() { widths[column] = max(widths[column], field.count) } }
        func line(_ fields: [String]) {
            var text = ""
            for (column, field) in fields.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - field.count)
                // Text columns are left-aligned, numbers right-aligned.
                text += column < 2 ? field + padding : padding + field
                if column < fields.count - 1 { text += "  " }
            }
            out += text.utf8
            out.append(UInt8(ascii: "\n"))
        }
        line(header)
        for row in rows { line(row) }
        if rows.contains(where: { $0[1].hasSuffix("*") }) { out += "* still open: its close is the latest price and will change\n".utf8 }
    }
}

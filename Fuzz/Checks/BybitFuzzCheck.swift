@testable import LookoutBybit

/// A Bybit v5 body through the parser the first byte picks. Every parser must answer with a
/// value or a typed failure; a kline page that decodes must be ascending without repeats,
/// open only in a suffix, and decode again to the same rows when written back as Bybit
/// writes it (newest first, every field a string).
enum BybitFuzzCheck {
    static func check(_ data: [UInt8]) -> [String] {
        var input = FuzzBytes(data)
        let parser = input.byte() % 10
        let interval = KlineInterval.allCases[Int(input.byte()) % KlineInterval.allCases.count]
        let body = input.rest()
        switch parser {
        case 0: return klines(body, interval: interval, as: Kline.self)
        case 1: return klines(body, interval: interval, as: PriceKline.self)
        default:
            body.withUnsafeBufferPointer { bytes in
                switch parser {
                case 2: _ = try? InstrumentsParser.parse(bytes)
                case 3: _ = try? InstrumentsParser.parseServerTime(bytes)
                case 4: _ = try? OrderBookParser.parse(bytes)
                case 5: _ = try? RecentTradesParser.parse(bytes)
                case 6: _ = try? TickersParser.parse(bytes)
                case 7: _ = try? SeriesParser.parse(bytes, timestamp: \.timestamp, row: StatisticsRows.funding)
                case 8: _ = try? SeriesParser.parse(bytes, timestamp: \.timestamp, row: StatisticsRows.openInterest)
                default: _ = try? SeriesParser.parse(bytes, timestamp: \.timestamp, row: StatisticsRows.accountRatio)
                }
            }
            return []
        }
    }

    /// The first byte of an input that sends `body` to the kline parser for `interval`.
    static func klinePrefix(_ interval: KlineInterval, priceOnly: Bool = false) -> [UInt8] {
        [priceOnly ? 1 : 0, UInt8(KlineInterval.allCases.firstIndex(of: interval)!)]
    }

    private static func klines<Row: ParsableKlineRow & Equatable>(_ body: [UInt8], interval: KlineInterval, as _: Row.Type) -> [String] {
        let page: KlinePage<Row>
        do {
            page = try KlinePage<Row>.decodeRows(body, interval: interval, symbol: "", category: .linear)
        } catch {
            return error.message.isEmpty ? ["a rejected kline body gave an empty error message"] : []
        }
        var problems: [String] = []
        for (earlier, later) in zip(page.rows, page.rows.dropFirst()) where earlier.startTime >= later.startTime {
            problems.append("rows not strictly ascending: \(earlier.startTime) then \(later.startTime)")
        }
        // Rows whose candle ends after the body's time are open: always a suffix.
        for (earlier, later) in zip(page.rows, page.rows.dropFirst()) where !earlier.isClosed && later.isClosed {
            problems.append("a closed candle at \(later.startTime) after an open one at \(earlier.startTime)")
        }
        let rewritten = render(page)
        do {
            let again: KlinePage<Row> = try KlinePage<Row>.decodeRows(rewritten, interval: interval, symbol: "", category: .linear)
            if again.rows != page.rows || again.symbol != page.symbol || again.category != page.category {
                problems.append("rewritten page decodes differently: \(String(decoding: rewritten, as: UTF8.self))")
            }
        } catch {
            problems.append("rewritten page is rejected (\(error.message)): \(String(decoding: rewritten, as: UTF8.self))")
        }
        return problems
    }

    /// `page` as Bybit sends it.
    private static func render<Row: KlineRow>(_ page: KlinePage<Row>) -> [UInt8] {
        let rows = page.rows.reversed().map { row in
            "[" + fields(of: row).map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }
        let text = #"{"retCode":0,"retMsg":"OK","result":{"category":"\#(page.category.rawValue)","symbol":\#(jsonString(page.symbol)),"list":[\#(rows.joined(separator: ","))]},"time":\#(page.serverTime)}"#
        return Array(text.utf8)
    }

    private static func fields<Row: KlineRow>(of row: Row) -> [String] {
        if let kline = row as? Kline {
            return [String(kline.startTime), "\(kline.open)", "\(kline.high)", "\(kline.low)", "\(kline.close)", "\(kline.volume)", "\(kline.turnover)"]
        }
        let price = row as! PriceKline
        return [String(price.startTime), "\(price.open)", "\(price.high)", "\(price.low)", "\(price.close)"]
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

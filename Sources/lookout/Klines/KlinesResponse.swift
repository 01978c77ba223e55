import LookoutBybit
import LookoutHTTP

/// One symbol's candles as the klines API answers them, and its JSON encoding.
///
/// ```json
/// {"symbol":"BTCUSDT","category":"linear","interval":"15",
///  "source":{"cache":199,"upstream":1,"upstream_requests":1},
///  "candles":[{"start":1717200000000,"open":"67000.5","high":"67010","low":"66990.1",
///              "close":"67005","volume":"12.345","turnover":"827000.1","closed":true}]}
/// ```
/// Prices and sizes are the exchange's exact decimal strings; `start` is milliseconds since
/// the epoch (UTC); candles ascend; `closed` is `false` for the open candle. `source` counts
/// the candles the cache held and those this request fetched from Bybit, and the upstream
/// requests it sent. Members are written in a fixed order, so output is deterministic.
struct KlinesResult: Sendable, Equatable {
    var symbol: String
    var category: BybitCategory
    var interval: KlineInterval
    var candles: [Kline]
    /// Candles served from the cache (including another request's fetch it joined).
    var fromCache: Int
    /// Candles this request fetched from Bybit.
    var fromUpstream: Int
    /// Requests this request sent to Bybit.
    var upstreamRequests: Int

    /// The JSON object, appended to `bytes`.
    func encode(into bytes: inout [UInt8]) {
        encodeHead(into: &bytes)
        bytes.append(contentsOf: [UInt8](unsafeUninitializedCapacity: max(1, candles.count) * Self.maxCandleLength) { buffer, count in
            var cursor = ByteCursor(buffer.baseAddress!)
            writeCandles(&cursor)
            count = cursor.offset
        })
        bytes.append(contentsOf: "]}".utf8)
    }

    /// Everything before the first candle: `{"symbol":…,"candles":[`.
    private func encodeHead(into bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"symbol":"#.utf8)
        JSONString.append(symbol, to: &bytes)
        bytes.append(contentsOf: #","category":""#.utf8)
        bytes.append(contentsOf: category.rawValue.utf8)
        bytes.append(contentsOf: #"","interval":""#.utf8)
        bytes.append(contentsOf: interval.rawValue.utf8)
        bytes.append(contentsOf: #"","source":{"cache":"#.utf8)
        JSONNumber.append(fromCache, to: &bytes)
        bytes.append(contentsOf: #","upstream":"#.utf8)
        JSONNumber.append(fromUpstream, to: &bytes)
        bytes.append(contentsOf: #","upstream_requests":"#.utf8)
        JSONNumber.append(upstreamRequests, to: &bytes)
        bytes.append(contentsOf: #"},"candles":["#.utf8)
    }

    /// The `200` response for this result alone, written into one buffer sized in advance.
    var response: HTTPResponse { .json(encoded: encodedBody) }

    /// The JSON body for this result alone, written into one buffer sized in advance.
    var encodedBody: [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(192)
        encodeHead(into: &head)
        let body = [UInt8](unsafeUninitializedCapacity: head.count + candles.count * Self.maxCandleLength + 2) { buffer, count in
            var cursor = ByteCursor(buffer.baseAddress!)
            head.withUnsafeBufferPointer { cursor.write($0) }
            writeCandles(&cursor)
            cursor.write(UInt8(ascii: "]"))
            cursor.write(UInt8(ascii: "}"))
            count = cursor.offset
        }
        return body
    }

    private func writeCandles(_ cursor: inout ByteCursor) {
        for (index, candle) in candles.enumerated() {
            if index > 0 { cursor.write(UInt8(ascii: ",")) }
            cursor.write(#"{"start":"#)
            cursor.write(candle.startTime)
            cursor.decimal(#","open":""#, candle.open)
            cursor.decimal(#"","high":""#, candle.high)
            cursor.decimal(#"","low":""#, candle.low)
            cursor.decimal(#"","close":""#, candle.close)
            cursor.decimal(#"","volume":""#, candle.volume)
            cursor.decimal(#"","turnover":""#, candle.turnover)
            cursor.write(candle.isClosed ? #"","closed":true}"# : #"","closed":false}"#)
        }
    }

    /// The most bytes one encoded candle takes: its names and punctuation (about 100) and
    /// seven numbers of at most ``DecimalDigits/maxLength`` each.
    static let maxCandleLength = 128 + 7 * DecimalDigits.maxLength
}

/// The batch answer: every symbol's result or its error, in the order requested.
///
/// `{"category":"linear","interval":"15","results":[…KlinesResult…],"errors":[{"symbol":"NOPEUSDT","status":404,"title":"Not Found","detail":"…"}]}`
struct KlinesBatchResult: Sendable {
    var category: BybitCategory
    var interval: KlineInterval
    var outcomes: [(symbol: String, outcome: Result<KlinesResult, KlinesUpstreamFailure>)]

    /// The `200` response (per-symbol failures are in `errors`).
    var response: HTTPResponse {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + outcomes.count * 32_000)
        bytes.append(contentsOf: #"{"category":""#.utf8)
        bytes.append(contentsOf: category.rawValue.utf8)
        bytes.append(contentsOf: #"","interval":""#.utf8)
        bytes.append(contentsOf: interval.rawValue.utf8)
        bytes.append(contentsOf: #"","results":["#.utf8)
        var first = true
        for case (_, .success(let result)) in outcomes {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            result.encode(into: &bytes)
        }
        bytes.append(contentsOf: #"],"errors":["#.utf8)
        first = true
        for case (let symbol, .failure(let failure)) in outcomes {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(contentsOf: #"{"symbol":"#.utf8)
            JSONString.append(symbol, to: &bytes)
            bytes.append(contentsOf: #","status":"#.utf8)
            JSONNumber.append(failure.status.code, to: &bytes)
            bytes.append(contentsOf: #","title":"#.utf8)
            JSONString.append(failure.status.reasonPhrase, to: &bytes)
            bytes.append(contentsOf: #","detail":"#.utf8)
            JSONString.append(failure.detail, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(contentsOf: "]}".utf8)
        return .json(encoded: bytes)
    }
}

/// A write position in a buffer sized in advance (``KlinesResult/maxCandleLength`` per candle).
private struct ByteCursor {
    let base: UnsafeMutablePointer<UInt8>
    var offset = 0

    init(_ base: UnsafeMutablePointer<UInt8>) {
        self.base = base
    }

    mutating func write(_ byte: UInt8) {
        base[offset] = byte
        offset += 1
    }

    mutating func write(_ text: StaticString) {
        (base + offset).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        offset += text.utf8CodeUnitCount
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + offset).update(from: source, count: bytes.count)
        offset += bytes.count
    }

    mutating func write(_ value: Int64) {
        offset += DecimalDigits.write(value, to: base + offset)
    }

    /// `prefix` (closing the previous member), then the decimal as a JSON string's content.
    mutating func decimal(_ prefix: StaticString, _ value: ExactDecimal) {
        write(prefix)
        offset += DecimalDigits.write(value, to: base + offset)
    }
}

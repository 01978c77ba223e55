import BybitSimulator
import Foundation
import LookoutHTTP
@testable import lookout
import Testing

/// Every parameter wrong in every way: a `400` problem naming it, and no upstream request.
@Suite struct KlinesBadInputTests {
    static let manySymbols = (0..<51).map { "S\($0)USDT" }.joined(separator: ",")

    static let cases: [(query: String, parameter: String)] = [
        ("/api/v1/klines?interval=15", "symbol"),
        ("/api/v1/klines?symbol=&interval=15", "symbol"),
        ("/api/v1/klines?symbol=BTC-USDT&interval=15", "symbol"),
        ("/api/v1/klines?symbol=BTCUSDT", "interval"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=", "interval"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=7", "interval"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&category=option", "category"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&category=futures", "category"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&limit=0", "limit"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&limit=1001", "limit"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&limit=ten", "limit"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&limit=", "limit"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&start=yesterday", "start"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&start=-5", "start"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&end=99999999999999999999", "end"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&start=1717300000000&end=1717200000000", "start"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=1&start=2024-06-01&end=2024-06-02&limit=1000", "limit"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&exclude_open=maybe", "exclude_open"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&symbol=ETHUSDT", "symbol"),
        ("/api/v1/klines?symbol=BTCUSDT&interval=15&limt=5", "limt"),
        ("/api/v1/klines/batch?interval=15", "symbols"),
        ("/api/v1/klines/batch?symbols=BTCUSDT,,ETHUSDT&interval=15", "symbols"),
        ("/api/v1/klines/batch?symbols=BTCUSDT,BTCUSDT&interval=15", "symbols"),
        ("/api/v1/klines/batch?symbols=\(manySymbols)&interval=15", "symbols"),
        ("/api/v1/klines/batch?symbols=BTCUSDT&interval=15&symbol=ETHUSDT", "symbol"),
    ]

    @Test func eachWrongParameterIs400NamingItAndNothingGoesUpstream() async throws {
        try await withKlinesService { base, simulator in
            for (fullQuery, parameter) in Self.cases {
                let response = try await get(base + fullQuery)
                let query = fullQuery.prefix(120)
                #expect(response.status == 400, "\(query)")
                #expect(response.headers["content-type"] == "application/problem+json", "\(query)")
                let problem = try jsonObject(response.body)
                #expect(problem["parameter"] as? String == parameter, "\(query): \(response.body)")
                #expect((problem["detail"] as? String)?.hasPrefix("parameter '\(parameter)' ") == true, "\(query): \(response.body)")
            }
            #expect(simulator.statistics().totalRequests == 0)
        }
    }

    /// 10,000 symbols fit the server's request line: the batch handler answers `400` naming
    /// `symbols` and its limit, and nothing goes upstream.
    @Test func tenThousandSymbolsAre400NamingTheSymbolsParameter() async throws {
        try await withKlinesService { base, simulator in
            let symbols = (0..<10_000).map { "SYMBOL\($0)USDT" }.joined(separator: ",")
            let response = try await get(base + "/api/v1/klines/batch?interval=15&symbols=" + symbols)
            #expect(response.status == 400)
            #expect(response.headers["content-type"] == "application/problem+json")
            let problem = try jsonObject(response.body)
            #expect(problem["parameter"] as? String == "symbols")
            #expect(problem["detail"] as? String == "parameter 'symbols' names 10000 symbols; at most 50 per request")
            #expect(simulator.statistics().totalRequests == 0)
        }
    }

    /// A request line beyond even that limit is still refused by the parser with `414`.
    @Test func aRequestLineBeyondTheServersLimitIsStill414() async throws {
        try await withKlinesService { base, simulator in
            let symbols = String(repeating: "BTCUSDT,", count: KlinesRoutes.requestLimits.maxRequestLineLength / 8 + 1)
            let response = try await get(base + "/api/v1/klines/batch?interval=15&symbols=" + symbols)
            #expect(response.status == 414)
            #expect(response.headers["content-type"] == "application/problem+json")
            #expect(simulator.statistics().totalRequests == 0)
        }
    }

    @Test func theQueryParserNamesTheFirstWrongParameter() throws {
        let query = HTTPQueryText.parse("symbol=BTCUSDT&interval=15&limit=5000")
        #expect(throws: KlinesQueryError("limit", "must be from 1 to 1000, got 5000")) {
            try KlinesQuery(query, batch: false, now: 1_717_200_000_000)
        }
        let range = try KlinesQuery(HTTPQueryText.parse("symbol=BTCUSDT&interval=15&start=1717200000001&limit=3"), batch: false, now: 1_800_000_000_000)
        let expected = KlinesQuery.Selection.range(from: 1_717_200_000_001, to: 1_717_202_700_000, limit: 3)
        #expect(range.selection == expected)
    }
}

/// Builds an `HTTPQuery` from `a=b&c=d` (no percent-decoding needed in these tests).
enum HTTPQueryText {
    static func parse(_ text: String) -> HTTPQuery {
        HTTPQuery(text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return HTTPQuery.Item(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        })
    }
}

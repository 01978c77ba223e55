import BybitSimulator
import Foundation
@testable import lookout
import Testing

/// `GET /api/v1/klines` and `/batch` on the in-process service against a simulator.
@Suite struct KlinesAPITests {
    /// Two closed 15-minute candles of 2024-06-01: the whole body, byte for byte.
    @Test func aPastRangeIsAnsweredWithExactDecimalsInOrder() async throws {
        try await withKlinesService { base, _ in
            let response = try await get(base + "/api/v1/klines?symbol=btcusdt&interval=15&start=1717200000000&end=2024-06-01T00:15Z")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.body == """
                {"symbol":"BTCUSDT","category":"linear","interval":"15","source":{"cache":0,"upstream":2,"upstream_requests":1},\
                "candles":[{"start":1717200000000,"open":"62259.8","high":"62311.7","low":"62183","close":"62187.3","volume":"253.379",\
                "turnover":"15761329.8796","closed":true},{"start":1717200900000,"open":"62187.3","high":"62220","low":"62127.5",\
                "close":"62184.1","volume":"225.126","turnover":"13987937.8058","closed":true}]}
                """)
        }
    }

    /// A repeated past range is answered from the memory cache on the event loop (no task):
    /// the same candles byte for byte, all counted from the cache, nothing sent upstream.
    @Test func aRepeatedPastRangeIsAnsweredFromMemoryWithTheSameBytes() async throws {
        try await withKlinesService { base, simulator in
            let url = base + "/api/v1/klines?symbol=btcusdt&interval=15&start=1717200000000&end=2024-06-01T00:15Z"
            let first = try await get(url)
            let requests = simulator.statistics().totalRequests
            let second = try await get(url)
            #expect(simulator.statistics().totalRequests == requests)
            #expect(second.status == 200)
            #expect(first.body.contains(#""source":{"cache":0,"upstream":2,"upstream_requests":1}"#))
            #expect(second.body == first.body.replacingOccurrences(
                of: #""source":{"cache":0,"upstream":2,"upstream_requests":1}"#, with: #""source":{"cache":2,"upstream":0,"upstream_requests":0}"#))
        }
    }

    @Test func aSecondIdenticalRequestIsServedFromTheCache() async throws {
        try await withKlinesService { base, simulator in
            let url = base + "/api/v1/klines?symbol=ETHUSDT&interval=5&limit=200"
            let first = try jsonObject(try await get(url).body)
            let requests = simulator.statistics().totalRequests
            let second = try jsonObject(try await get(url).body)
            #expect(simulator.statistics().totalRequests == requests)
            let source = try #require(second["source"] as? [String: Int])
            #expect(source == ["cache": 200, "upstream": 0, "upstream_requests": 0])
            #expect((first["source"] as? [String: Int])?["upstream"] ?? 0 > 0)
            let candles = try #require(second["candles"] as? [[String: Any]])
            #expect(candles.count == 200)
            let starts = candles.compactMap { $0["start"] as? Int64 }
            #expect(starts == starts.sorted() && Set(starts).count == 200)
            #expect(candles.last?["closed"] as? Bool == false)
        }
    }

    @Test func excludeOpenLeavesOutTheOpenCandle() async throws {
        try await withKlinesService(cache: false) { base, _ in
            let object = try jsonObject(try await get(base + "/api/v1/klines?symbol=BTCUSDT&interval=1&limit=5&exclude_open=true").body)
            let candles = try #require(object["candles"] as? [[String: Any]])
            #expect(candles.count == 4)
            #expect(candles.allSatisfy { $0["closed"] as? Bool == true })
        }
    }

    @Test func anUnknownSymbolIs404() async throws {
        try await withKlinesService { base, _ in
            let response = try await get(base + "/api/v1/klines?symbol=NOPEUSDT&interval=15")
            #expect(response.status == 404)
            #expect(response.headers["content-type"] == "application/problem+json")
            #expect(response.body == #"{"type":"about:blank","title":"Not Found","status":404,"detail":"unknown symbol NOPEUSDT (Bybit said: Not supported symbols)","upstream_error":"badRequest"}"#)
        }
    }

    @Test func aBatchAnswersEverySymbolOrItsError() async throws {
        try await withKlinesService { base, _ in
            let response = try await get(base + "/api/v1/klines/batch?symbols=BTCUSDT,ETHUSDT,NOPEUSDT,SOLUSDT&interval=15&limit=1000")
            #expect(response.status == 200)
            let object = try jsonObject(response.body)
            let results = try #require(object["results"] as? [[String: Any]])
            #expect(results.map { $0["symbol"] as? String } == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
            #expect(results.allSatisfy { ($0["candles"] as? [Any])?.count == 1000 })
            let errors = try #require(object["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["symbol"] as? String == "NOPEUSDT")
            #expect(errors.first?["status"] as? Int == 404)
        }
    }
}

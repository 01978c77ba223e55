import LookoutBybit
import LookoutRateLimit
import Testing
import SimulatorTestSupport

/// Mangled instruments-info answers (a corpus): each fails with `malformedResponse` naming the
/// field, never comes back as instruments with a field silently `nil`, nor as an empty list.
@Suite("Instruments-info refuses malformed answers")
struct InstrumentsMalformedResponseTests {
    static let path = "/v5/market/instruments-info"

    static func envelope(_ result: String) -> [UInt8] {
        Array((#"{"retCode":0,"retMsg":"OK","result":"# + result + #","retExtInfo":{},"time":1717416030000}"#).utf8)
    }

    static func row(_ fields: String) -> String {
        #"{"category":"linear","list":[{"symbol":"BTCUSDT","status":"Trading","baseCoin":"BTC","quoteCoin":"USDT","# + fields + #"}],"nextPageCursor":""}"#
    }

    static let cases: [(String, String)] = [
        (#"{}"#, "result.list is missing"),
        (#"{"category":"linear","nextPageCursor":""}"#, "result.list is missing"),
        (row(#""launchTime":1585526400000"#), "result.list[0].launchTime: expected a string, found a number"),
        (row(#""launchTime":"1585526400000.5""#), #"result.list[0].launchTime: "1585526400000.5" is not a time in milliseconds"#),
        (row(#""deliveryTime":0"#), "result.list[0].deliveryTime: expected a string, found a number"),
        (row(#""priceFilter":{"tickSize":0.10}"#), "result.list[0].priceFilter.tickSize: expected a string, found a number"),
        (row(#""priceFilter":{"tickSize":"0,1"}"#), #"result.list[0].priceFilter.tickSize: "0,1" is not a decimal number"#),
        (row(#""lotSizeFilter":{"qtyStep":0.001}"#), "result.list[0].lotSizeFilter.qtyStep: expected a string, found a number"),
        (row(#""lotSizeFilter":{"minOrderQty":true}"#), "result.list[0].lotSizeFilter.minOrderQty: expected a string, found a boolean"),
        (row(#""status":{"name":"Trading"}"#), "result.list[0].status: expected a string, found an object"),
        (#"{"category":"linear","list":[{"status":"Trading"}],"nextPageCursor":""}"#, "result.list[0] has no symbol"),
    ]

    static func client(_ url: String) throws -> BybitClient {
        var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(url))
        configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 1000, window: .seconds(1)), clock: ContinuousClock())
        configuration.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), rateLimitDelay: .milliseconds(1))
        return try BybitClient(configuration: configuration)
    }

    @Test("malformed answers", arguments: cases)
    func refused(result: String, message: String) async throws {
        try await withFixedResponses([Self.path: Self.envelope(result)]) { url in
            let client = try Self.client(url)
            let error = await #expect(throws: BybitError.self) { _ = try await client.instruments(category: .linear) }
            #expect(error?.code == .malformedResponse)
            #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        }
    }

    @Test("result null with retCode 0 is not an empty universe")
    func nullResult() async throws {
        try await withFixedResponses([Self.path: Self.envelope("null")]) { url in
            let error = await #expect(throws: BybitError.self) { _ = try await Self.client(url).instruments(category: .linear) }
            #expect(error?.code == .malformedResponse)
            #expect(error?.message == "the instruments-info response has retCode 0 but result is null; expected result.list")
        }
    }

    @Test("the documented string spellings still parse, and an empty list is a real empty page")
    func wellFormed() async throws {
        let body = Self.envelope(Self.row(#""launchTime":"1585526400000","deliveryTime":"0","priceFilter":{"tickSize":"0.10"},"lotSizeFilter":{"qtyStep":"0.001","minOrderQty":"0.001","maxOrderQty":"100"}"#))
        try await withFixedResponses([Self.path: body]) { url in
            let instruments = try await Self.client(url).instruments(category: .linear)
            #expect(instruments.count == 1)
            #expect(instruments.first?.launchTime == 1_585_526_400_000)
            #expect(instruments.first?.deliveryTime == nil)
            #expect(instruments.first?.tickSize?.description == "0.10")
        }
        try await withFixedResponses([Self.path: Self.envelope(#"{"category":"linear","list":[],"nextPageCursor":""}"#)]) { url in
            let instruments = try await Self.client(url).instruments(category: .linear)
            #expect(instruments.isEmpty)
        }
    }
}

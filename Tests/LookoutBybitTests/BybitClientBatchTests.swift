import LookoutBybit
import Testing

@Suite("Multi-symbol batches against the simulated exchange")
struct BybitClientBatchTests {
    typealias E = Exchange

    @Test func oneBadSymbolDoesNotFailTheBatch() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let batch = await client.fetchMultipleSymbols(["BTCUSDT", "NOPEUSDT", "ETHUSDT", "BTCUSDT", "lower"], interval: .fifteenMinutes, limit: 10, maxConcurrency: 2)
            #expect(batch.entries.map(\.symbol) == ["BTCUSDT", "NOPEUSDT", "ETHUSDT", "lower"])
            #expect(batch.values.map(\.symbol) == ["BTCUSDT", "ETHUSDT"])
            #expect(batch.values.allSatisfy { $0.value.rows.count == 10 })
            #expect(batch.failures.map(\.symbol) == ["NOPEUSDT", "lower"])
            #expect(batch.failures.map(\.error.code) == [.badRequest, .invalidArgument])
            #expect(batch.failures.map(\.error.symbol) == ["NOPEUSDT", "lower"])
            #expect(try batch["ETHUSDT"]?.get().symbol == "ETHUSDT")
            // The duplicate is fetched once; the lower-case symbol never leaves the client.
            #expect(exchange.requests == 3)
        }
    }

    @Test func aFailingSymbolKeepsTheOthersRangesComplete() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(maxConcurrentRequests: 3)
            let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "NOPEUSDT", "ADAUSDT"]
            let batch = await client.fetchMultipleSymbols(symbols, interval: .fiveMinutes, from: E.january2024, to: E.january2024 + 1499 * 300_000)
            #expect(batch.failures.map(\.symbol) == ["NOPEUSDT"])
            #expect(batch.failures.first?.error.code == .badRequest)
            #expect(batch.values.map(\.symbol) == ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT"])
            #expect(batch.values.allSatisfy { $0.value.rows.count == 1500 && $0.value.pages == 2 })
            #expect(client.stats.inFlight == 0)
        }
    }
}

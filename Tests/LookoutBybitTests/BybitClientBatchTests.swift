import LookoutBybit
import Testing

@Suite("Multi-symbol batches against the fake exchange")
struct BybitClientBatchTests {
    let fake: FakeBybit
    init() throws { fake = try FakeBybit() }

    @Test func oneBadSymbolDoesNotFailTheBatch() async throws {
        let client = try fake.client()
        let batch = await client.fetchMultipleSymbols(["BATCHAUSDT", "UNKNOWNBATCH", "BATCHBUSDT", "BATCHAUSDT", "lower"], interval: .fifteenMinutes, limit: 10, maxConcurrency: 2)
        #expect(batch.entries.map(\.symbol) == ["BATCHAUSDT", "UNKNOWNBATCH", "BATCHBUSDT", "lower"])
        #expect(batch.values.map(\.symbol) == ["BATCHAUSDT", "BATCHBUSDT"])
        #expect(batch.values.allSatisfy { $0.value.rows.count == 10 })
        #expect(batch.failures.map(\.symbol) == ["UNKNOWNBATCH", "lower"])
        #expect(batch.failures.map(\.error.code) == [.badRequest, .invalidArgument])
        #expect(try batch["BATCHBUSDT"]?.get().symbol == "BATCHBUSDT")
        #expect(try await fake.requestCount("BATCHAUSDT") == 1)
    }

    @Test func rangeBatchesFetchEverySymbolCompletely() async throws {
        let client = try fake.client(maxConcurrentRequests: 3)
        let symbols = (0..<6).map { "RB\($0)USDT" }
        let batch = await client.fetchMultipleSymbols(symbols, interval: .fiveMinutes, from: FakeBybit.launch, to: FakeBybit.launch + 1499 * 300_000)
        #expect(batch.failures.isEmpty)
        #expect(batch.values.map(\.symbol) == symbols)
        #expect(batch.values.allSatisfy { $0.value.rows.count == 1500 && $0.value.pages == 2 })
        #expect(client.stats.requests == 12)
        #expect(client.stats.inFlight == 0)
    }
}

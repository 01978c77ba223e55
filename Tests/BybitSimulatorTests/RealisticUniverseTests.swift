import BybitSimulator
import Testing

/// The default universe looks like the real exchange: hundreds of linear symbols, so
/// instruments-info paginates, and every listing status.
@Suite struct RealisticUniverseTests {
    /// 2024-06-03T12:00:30Z.
    let harness: Harness
    init() throws { harness = try Harness(now: .milliseconds(1_717_416_030_000), configuration: SimulatorConfiguration()) }

    func symbols(_ query: String) throws -> (symbols: [String], cursor: String?) {
        let body = try harness.json("/v5/market/instruments-info?\(query)")
        return (body["result"]?["list"]?.array?.compactMap { $0["symbol"]?.string } ?? [], body["result"]?["nextPageCursor"]?.string)
    }

    @Test func linearInstrumentsPaginateAtTheDefaultLimit() throws {
        let universe = InstrumentUniverse.realistic
        #expect(universe.instruments(in: .linear).count == 630)
        #expect(universe.instruments(in: .spot).count == InstrumentUniverse.standard.instruments(in: .spot).count)
        let trading = universe.instruments(in: .linear).filter { $0.status(at: 1_717_416_030_000) == "Trading" }.count
        #expect(trading > 500)
        let first = try symbols("category=linear")
        #expect(first.symbols.count == 500)
        let cursor = try #require(first.cursor)
        #expect(!cursor.isEmpty)
        let second = try symbols("category=linear&cursor=\(cursor)")
        #expect(second.symbols.count == trading - 500)
        #expect(second.cursor == "")
        #expect(Set(first.symbols + second.symbols).count == trading)
    }

    @Test func everyListingStatusOccurs() throws {
        let universe = InstrumentUniverse.realistic.instruments(in: .linear)
        let now: Int64 = 1_717_416_030_000
        #expect(universe.contains { $0.status(at: now) == "PreLaunch" })
        #expect(universe.contains { $0.status(at: now) == "Closed" })
        let delisted = try #require(universe.first { $0.deliveryTime != nil && $0.status(at: now) == "Closed" })
        #expect(delisted.status(at: delisted.deliveryTime! - 60_000) == "Delivering")
        #expect(try !symbols("category=linear&status=PreLaunch").symbols.isEmpty)
        #expect(try !symbols("category=linear&status=Closed").symbols.isEmpty)
    }

    @Test func generatedPricesAreWithinAPlausibleRange() throws {
        let generated = InstrumentUniverse.realistic.instruments(in: .linear).filter { InstrumentUniverse.standard.instrument(category: .linear, symbol: $0.symbol) == nil }
        #expect(generated.count == 600)
        #expect(generated.allSatisfy { (Double($0.referencePrice.description) ?? 0) >= 0.0001 && (Double($0.referencePrice.description) ?? .infinity) < 100 })
        #expect(generated.allSatisfy { $0.symbol.hasSuffix("USDT") && $0.symbol.utf8.count <= 16 })
    }
}

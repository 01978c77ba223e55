import BybitSimulator
import Foundation
import Testing
import SimulatorTestSupport
import TestSupport

/// The market-data commands against the simulated exchange at a frozen instant: whole
/// documents, and every kind of bad input with its one line and exit status.
@Suite("lookout ticker, orderbook, trades, funding, open-interest, ratio and instruments")
struct MarketCommandsTests {
    static let cases: [(String, [String])] = [
        ("ticker", ["ticker", "BTCUSDT", "ethusdt", "--format", "csv"]),
        ("ticker-spot-table", ["ticker", "--category", "spot", "--format", "table"]),
        ("orderbook", ["orderbook", "BTCUSDT", "--depth", "3", "--format", "table"]),
        ("trades", ["trades", "BTCUSDT", "--category", "spot", "--limit", "3", "--format", "json"]),
        ("funding", ["funding", "ETHUSDT", "--from", "2024-06-01", "--to", "2024-06-03", "--format", "csv"]),
        ("open-interest", ["open-interest", "BTCUSD", "--category", "inverse", "--interval", "1d", "--limit", "3", "--format", "table"]),
        ("ratio", ["ratio", "BTCUSDT", "--period", "4h", "--from", "2024-06-02T12:00Z", "--to", "2024-06-03", "--format", "json"]),
        ("instruments", ["instruments", "--category", "inverse", "--format", "csv"]),
    ]

    @Test("whole documents", arguments: cases)
    func document(name: String, arguments: [String]) async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(arguments + ["--base-url", url])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput == Self.expected[name], "\(name)")
            #expect(run.standardError == (name == "open-interest" ? "lookout open-interest: more rows: --cursor lastid%3D2026%26lasttime%3D1717200000\n" : ""))
        }
    }

    static let failures: [([String], Int32, String)] = [
        (["orderbook", "BTCUSDT", "--depth", "1001"], 2, "lookout: option '--depth' must be a whole number from 1 to 1000, got '1001'\n"),
        (["orderbook", "BTC-30DEC22-18000-C", "--category", "option", "--depth", "26"], 2, "lookout: option '--depth' must be a whole number from 1 to 25, got '26'\n"),
        (["trades", "BTCUSDT", "--category", "spot", "--limit", "61"], 2, "lookout: option '--limit' must be a whole number from 1 to 60, got '61'\n"),
        (["trades"], 2, "lookout: trades needs exactly one symbol, e.g. `lookout trades BTCUSDT`\n"),
        (["ticker", ""], 2, "lookout: a symbol must not be empty, e.g. `lookout ticker BTCUSDT`\n"),
        (["funding", "BTCUSDT", "--category", "spot"], 2, "lookout: option '--category' must be linear or inverse for funding, got 'spot'\n"),
        (["funding", "BTCUSDT", "--from", "1717200000"], 2, "lookout: option '--from' 1717200000 looks like seconds; Bybit times are milliseconds (1717200000000)\n"),
        (["funding", "BTCUSDT", "--from", "2024-06-03", "--to", "2024-06-01"], 2, "lookout: --from 2024-06-03T00:00:00Z is after --to 2024-06-01T00:00:00Z; give an earlier --from\n"),
        (["open-interest", "BTCUSDT"], 2, "lookout: --interval is required: one of 5min 15min 30min 1h 4h 1d\n"),
        (["open-interest", "BTCUSDT", "--interval", "5m"], 2, "lookout: option '--interval' must be one of 5min 15min 30min 1h 4h 1d, got '5m'; did you mean '5min'?\n"),
        (["ratio", "BTCUSDT", "--period", "1h", "--limit", "501"], 2, "lookout: option '--limit' must be a whole number from 1 to 500, got '501'\n"),
        (["ratio", "BTCUSDT", "--period", "1h", "--cursor", "next page"], 2,
         "lookout ratio: cursor 'next page' is not one Bybit sends (expected something like lastid%3D19408935%26lasttime%3D1780617600); pass nextPageCursor from the previous page unchanged\n"),
        (["instruments", "--status", "Live"], 2, "lookout: option '--status' must be PreLaunch, Trading, Delivering or Closed, got 'Live'\n"),
        (["funding", "BTCUSDT", "--from", "2015-01-01", "--to", "2015-02-01"], 4, "lookout funding: Bybit returned no data for this request\n"),
    ]

    @Test("bad input", arguments: failures)
    func badInput(arguments: [String], status: Int32, message: String) async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(arguments + ["--base-url", url])
            #expect(run.status == status)
            #expect(run.standardError == message)
            #expect(run.standardOutput == "")
        }
    }

    @Test func instrumentsListTheWholeRealisticUniverse() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { server, url in
            let trading = server.simulator.universe.instruments(in: .linear).filter { $0.status(at: CLI.frozenNow.millisecondsSinceEpoch) == "Trading" }
            #expect(trading.count > 500)
            let run = try CLI.run(["instruments", "--format", "csv", "--base-url", url])
            #expect(run.status == 0)
            let symbols = run.standardOutput.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
            #expect(symbols == trading.map(\.symbol))
            // The client asks for limit=1000 (as ccxt does), so 5xx symbols still fit one page.
            #expect(server.simulator.statistics().requestsByPath == ["/v5/market/instruments-info": 1])
            let upcoming = try CLI.run(["instruments", "--status", "PreLaunch", "--format", "csv", "--base-url", url])
            #expect(upcoming.status == 0)
            #expect(upcoming.standardOutput.split(separator: "\n").dropFirst().allSatisfy { $0.contains(",PreLaunch,") })
        }
    }

    @Test func exchangeRefusalsExitThreeWithTheRetCode() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let unknown = try CLI.run(["ticker", "NOPEUSDT", "--base-url", url])
            #expect(unknown.status == 3)
            #expect(unknown.standardError == "lookout ticker: Bybit badRequest: Bybit answered retCode 10001 \"Not supported symbols\": check the symbol exists in this category and the parameters are valid [retCode 10001 \"Not supported symbols\", HTTP 200, symbol NOPEUSDT, GET \(url)/v5/market/tickers?category=linear&symbol=NOPEUSDT]\n")
            let cursor = try CLI.run(["open-interest", "BTCUSDT", "--interval", "1h", "--cursor", "lastid%3Dx", "--base-url", url])
            #expect(cursor.status == 3)
            #expect(cursor.standardError.hasPrefix("lookout open-interest: Bybit badRequest: Bybit answered retCode 10001 \"Request parameter error\""))
        }
    }
}

@Suite("lookout fetch --price")
struct PriceFetchCommandTests {
    @Test func markAndPremiumCandlesAreWrittenWithoutVolume() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "BTCUSDT", "ETHUSDT", "--price", "mark", "--interval", "60", "--limit", "2", "--format", "csv", "--base-url", url])
            #expect(run.status == 0)
            #expect(run.standardError == "")
            #expect(run.standardOutput == Self.mark)
            let premium = try CLI.run(["fetch", "BTCUSDT", "--price=premium", "--interval", "D", "--from", "2024-06-01", "--to", "2024-06-02", "--format", "json", "--base-url", url])
            #expect(premium.status == 0)
            #expect(premium.standardOutput == Self.premium)
        }
    }

    @Test(arguments: [
        (["fetch", "BTCUSD", "--price", "premium", "--category", "inverse", "--interval", "60"], "lookout: option '--category' must be linear for fetch, got 'inverse'\n"),
        (["fetch", "BTCUSDT", "--price", "last", "--interval", "60"], "lookout: option '--price' must be mark, index or premium, got 'last'\n"),
        (["fetch", "BTCUSDT", "--price", "mark", "--interval", "1h"], "lookout: option '--interval' must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got '1h'\n"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let run = try CLI.run(arguments + ["--base-url", "http://127.0.0.1:9"])
        #expect(run.status == 2)
        #expect(run.standardError == message)
    }

    @Test func oneUnknownSymbolFailsAloneWithStatusOne() async throws {
        try await withSimulatorServer(clock: ManualSimulatorClock(CLI.frozenNow)) { _, url in
            let run = try CLI.run(["fetch", "NOPEUSDT", "BTCUSDT", "--price", "index", "--interval", "D", "--limit", "1", "--format", "csv", "--base-url", url])
            #expect(run.status == 1)
            #expect(run.standardError.hasPrefix("lookout fetch: NOPEUSDT failed: Bybit badRequest: Bybit answered retCode 10001 \"Not supported symbols\""))
            #expect(run.standardOutput.split(separator: "\n").count == 2)
        }
    }
}

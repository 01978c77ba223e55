import LookoutBybit
@testable import lookout
import Testing

/// Where the klines API fetches from, and the rate limiter in front of it.
@Suite struct KlinesSettingsTests {
    static func resolve(_ arguments: [String], environment: [String: String] = [:], file: String? = nil) throws(CommandLineError) -> ServeSettings {
        let specification = CommandLineOptions.Specification(valued: Set(SettingSpec.all.map(\.flag) + ["config", RateLimitSettings.flag]), flags: [])
        let options = try CommandLineOptions(arguments + (file == nil ? [] : ["--config", "c.json"]), specification)
        return try ServeSettings.resolve(options: options, environment: environment) { _ throws(CommandLineError) in Array((file ?? "").utf8) }
    }

    @Test func theBaseURLComesFromTheFlagThenLookoutsVariablesThenTheFileThenBybitBaseURL() throws {
        #expect(try Self.resolve([]).bybitBaseURL == .mainnet)
        #expect(try Self.resolve([], environment: ["BYBIT_BASE_URL": "http://127.0.0.1:9000/"]).bybitBaseURL.rawValue == "http://127.0.0.1:9000")
        #expect(try Self.resolve([], environment: ["BYBIT_BASE_URL": "http://127.0.0.1:9000"], file: #"{"bybit_base_url": "http://127.0.0.1:9001"}"#)
            .bybitBaseURL.rawValue == "http://127.0.0.1:9001")
        #expect(try Self.resolve(["--bybit-base-url", "http://127.0.0.1:9002"], environment: ["LOOKOUT_BYBIT_BASE_URL": "http://127.0.0.1:9003"])
            .bybitBaseURL.rawValue == "http://127.0.0.1:9002")
    }

    @Test func aWrongBaseURLIsOneReadableLine() throws {
        #expect(#expect(throws: CommandLineError.self) {
            try Self.resolve(["--bybit-base-url", "ftp://x"])
        }?.description == "option '--bybit-base-url' must be an http:// or https:// URL such as http://127.0.0.1:9000, got 'ftp://x'")
        #expect(#expect(throws: CommandLineError.self) {
            try Self.resolve([], environment: ["BYBIT_BASE_URL": "nope"])
        }?.description == "environment variable BYBIT_BASE_URL: base URL 'nope' must start with http:// or https://; expected e.g. https://api.bybit.com or http://127.0.0.1:9000")
        #expect(#expect(throws: CommandLineError.self) {
            try Self.resolve(["--bybit-attempts", "0"])
        }?.description == "option '--bybit-attempts' must be a whole number from 1 to 10, got '0'")
    }

    /// With the limiter on, the klines API answers `429` once a client's budget is spent,
    /// and the refused request never reaches Bybit.
    @Test func theRateLimiterAnswers429BeforeTheCache() async throws {
        var limit = RateLimitSettings()
        limit.requestsPerMinute = 2
        try await withKlinesService(rateLimit: limit) { base, simulator in
            let url = base + "/api/v1/klines?symbol=BTCUSDT&interval=60&limit=10"
            #expect(try await get(url).status == 200)
            #expect(try await get(url).status == 200)
            let requests = simulator.statistics().totalRequests
            let limited = try await get(base + "/api/v1/klines?symbol=ETHUSDT&interval=60&limit=10")
            #expect(limited.status == 429)
            #expect(limited.headers["content-type"] == "application/problem+json")
            #expect(limited.headers["retry-after"] != nil)
            #expect(simulator.statistics().totalRequests == requests)
        }
    }
}

import LookoutRateLimit
import Testing
@testable import lookout

@Suite("lookout serve rate_limit settings: seed names, flag > environment > file, one-line errors")
struct RateLimitSettingsTests {
    private func resolve(_ arguments: [String] = [], environment: [String: String] = [:],
                         file: String? = nil) throws(CommandLineError) -> ServeSettings {
        let specification = CommandLineOptions.Specification(
            valued: Set(SettingSpec.all.map(\.flag) + ["config", RateLimitSettings.flag]), flags: ["help"])
        let options = try CommandLineOptions(arguments + (file == nil ? [] : ["--config", "c.json"]), specification)
        return try ServeSettings.resolve(options: options, environment: environment) { (path: String) throws(CommandLineError) in
            guard let file else { throw CommandLineError("cannot read config file '\(path)'") }
            return Array(file.utf8)
        }
    }

    static let seed = #"""
        {"port": 0, "rate_limit": {"requests_per_minute": 60, "enable_per_ip": true, "enable_per_endpoint": true,
         "endpoint_limits": {"/api/v1/klines": 30}, "global_requests_per_minute": 1000, "adaptive": true,
         "algorithm": "gcra", "excluded_paths": ["/health", "/docs"], "backend": "memory",
         "on_backend_failure": "fail-open", "trusted_proxies": ["10.0.0.0/8", "2001:db8::/32"]}}
        """#

    @Test func offUnlessConfigured() throws {
        #expect(try resolve().rateLimit == nil)
        #expect(try resolve(file: #"{"port": 1}"#).rateLimit == nil)
        #expect(try resolve(["--rate-limit", "0"], file: Self.seed).rateLimit == nil, "0 turns a configured limiter off")
    }

    @Test func readsTheSeedStyleSection() throws {
        let settings = try #require(try resolve(file: Self.seed).rateLimit)
        var expected = RateLimitSettings()
        expected.enablePerEndpoint = true
        expected.endpointLimits = ["/api/v1/klines": 30]
        expected.globalRequestsPerMinute = 1000
        expected.adaptive = true
        expected.algorithm = .gcra
        expected.excludedPaths = ["/health", "/docs"]
        expected.onBackendFailure = .failOpen
        expected.trustedProxies = ["10.0.0.0/8", "2001:db8::/32"]
        #expect(settings == expected)
        #expect(try settings.policies().map(\.name) == ["per-ip", "per-endpoint", "global"])
        #expect(try settings.policies().allSatisfy(\.isAdaptive))
    }

    @Test func theFlagOverridesTheEnvironmentWhichOverridesTheFile() throws {
        let environment = ["LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE": "90"]
        #expect(try resolve(file: Self.seed).rateLimit?.requestsPerMinute == 60)
        #expect(try resolve(environment: environment, file: Self.seed).rateLimit?.requestsPerMinute == 90)
        #expect(try resolve(["--rate-limit=120"], environment: environment, file: Self.seed).rateLimit?.requestsPerMinute == 120)
        let onlyFlag = try #require(try resolve(["--rate-limit", "61"]).rateLimit)
        var expected = RateLimitSettings()
        expected.requestsPerMinute = 61
        #expect(onlyFlag == expected, "the flag alone enables per-IP limiting with the defaults")
        #expect(try resolve(environment: ["LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE": ""]).rateLimit == nil)
    }

    @Test func subWindowsSetsTheSlidingWindowsCounters() throws {
        #expect(try resolve(file: #"{"rate_limit": {}}"#).rateLimit?.policies().map(\.limit?.subWindows) == [RateLimit.defaultSubWindows])
        for count in [1, 2, 4, 8] {
            let settings = try #require(try resolve(file: #"{"rate_limit": {"sub_windows": \#(count), "enable_per_endpoint": true}}"#).rateLimit)
            #expect(settings.subWindows == count)
            #expect(try settings.policies().map(\.limit?.subWindows) == [count, count])
        }
        let withFlag = try #require(try resolve(["--rate-limit", "30"], file: #"{"rate_limit": {"sub_windows": 2}}"#).rateLimit)
        #expect(try withFlag.policies().map(\.limit) == [try RateLimit(limit: 30, window: .seconds(60), subWindows: 2)], "the flag keeps the file's sub-windows")
    }

    @Test func aBadRedisURLNamesTheKey() {
        #expect {
            try resolve(file: #"{"rate_limit": {"backend": "redis://127.0.0.1:notaport"}}"#)
        } throws: { error in
            (error as? CommandLineError)?.description.hasPrefix("config file 'c.json': key 'rate_limit.backend': ") == true
        }
    }

    @Test(arguments: [
        (["--rate-limit", "many"], [:], nil,
         "option '--rate-limit' must be a whole number of requests per minute from 0 (off) to 1000000, got 'many'"),
        ([], ["LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE": "-1"], nil,
         "environment variable LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE must be a whole number of requests per minute from 0 (off) to 1000000, got '-1'"),
        ([], [:], #"{"rate_limit": 60}"#, "config file 'c.json': key 'rate_limit' must be an object, got the number 60"),
        ([], [:], #"{"rate_limit": {"requests_per_minute": "60"}}"#,
         #"config file 'c.json': key 'rate_limit.requests_per_minute' must be a whole number from 1 to 1000000, got the string "60""#),
        ([], [:], #"{"rate_limit": {"requests_per_minute": 0}}"#,
         "config file 'c.json': key 'rate_limit.requests_per_minute' must be a whole number from 1 to 1000000, got the number 0"),
        ([], [:], #"{"rate_limit": {"enable_per_ip": "yes"}}"#,
         #"config file 'c.json': key 'rate_limit.enable_per_ip' must be true or false, got the string "yes""#),
        ([], [:], #"{"rate_limit": {"algorithm": "leaky"}}"#,
         #"config file 'c.json': key 'rate_limit.algorithm' must be "sliding-window" or "gcra", got the string "leaky""#),
        ([], [:], #"{"rate_limit": {"sub_windows": 3}}"#,
         "config file 'c.json': key 'rate_limit.sub_windows' must be 1, 2, 4 or 8, got the number 3"),
        ([], [:], #"{"rate_limit": {"sub_windows": 16}}"#,
         "config file 'c.json': key 'rate_limit.sub_windows' must be 1, 2, 4 or 8, got the number 16"),
        ([], [:], #"{"rate_limit": {"sub_windows": "8"}}"#,
         #"config file 'c.json': key 'rate_limit.sub_windows' must be 1, 2, 4 or 8, got the string "8""#),
        ([], [:], #"{"rate_limit": {"sub_windows": 4.5}}"#,
         "config file 'c.json': key 'rate_limit.sub_windows' must be 1, 2, 4 or 8, got the number 4.5"),
        ([], [:], #"{"rate_limit": {"algorithm": "gcra", "sub_windows": 4}}"#,
         #"config file 'c.json': key 'rate_limit.sub_windows' only applies to the "sliding-window" algorithm; remove it or set "algorithm": "sliding-window""#),
        ([], [:], #"{"rate_limit": {"endpoint_limits": {"klines": 30}}}"#,
         #"config file 'c.json': key 'rate_limit.endpoint_limits' must map route templates starting with '/' to whole numbers from 1 to 1000000, got "klines": the number 30"#),
        ([], [:], #"{"rate_limit": {"excluded_paths": "/metrics"}}"#,
         #"config file 'c.json': key 'rate_limit.excluded_paths' must be an array of paths starting with '/', got the string "/metrics""#),
        ([], [:], #"{"rate_limit": {"backend": "postgres://db"}}"#,
         #"config file 'c.json': key 'rate_limit.backend' must be "memory" or a Redis URL (redis://, redis+sentinel://, redis+cluster://), got the string "postgres://db""#),
        ([], [:], #"{"rate_limit": {"on_backend_failure": "panic"}}"#,
         #"config file 'c.json': key 'rate_limit.on_backend_failure' must be "fallback-memory" or "fail-open", got the string "panic""#),
        ([], [:], #"{"rate_limit": {"trusted_proxies": ["10.0.0.0/33"]}}"#,
         "config file 'c.json': key 'rate_limit.trusted_proxies': '10.0.0.0/33': the prefix length must be a whole number from 0 to 32"),
        ([], [:], #"{"rate_limit": {"requests_per_min": 60}}"#,
         "config file 'c.json': key 'rate_limit.requests_per_min' is unknown; known keys: requests_per_minute, enable_per_ip, enable_per_endpoint, endpoint_limits, global_requests_per_minute, adaptive, algorithm, sub_windows, excluded_paths, backend, on_backend_failure, trusted_proxies"),
        ([], [:], #"{"rate_limit": {"enable_per_ip": false}}"#,
         "rate_limit enables no policy: set enable_per_ip, enable_per_endpoint or global_requests_per_minute"),
    ] as [([String], [String: String], String?, String)])
    func badValuesAreOneLineNamingTheKey(arguments: [String], environment: [String: String], file: String?, message: String) {
        #expect {
            try resolve(arguments, environment: environment, file: file)
        } throws: { error in
            (error as? CommandLineError)?.description == message
        }
    }
}

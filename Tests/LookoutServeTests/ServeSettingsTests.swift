import Testing
@testable import lookout

@Suite("lookout serve settings: flags > environment > config file > defaults")
struct ServeSettingsTests {
    private func resolve(_ arguments: [String] = [], environment: [String: String] = [:],
                         file: String? = nil) throws(CommandLineError) -> ServeSettings {
        let specification = CommandLineOptions.Specification(valued: Set(SettingSpec.all.map(\.flag) + ["config"]), flags: ["help"])
        let options = try CommandLineOptions(arguments, specification)
        return try ServeSettings.resolve(options: options, environment: environment) { (path: String) throws(CommandLineError) in
            guard let file else { throw CommandLineError("cannot read config file '\(path)'") }
            return Array(file.utf8)
        }
    }

    @Test func defaultsWithoutAnySource() throws {
        let settings = try resolve()
        #expect(settings == ServeSettings())
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 9180)
        #expect(settings.logLevel == .info)
        #expect(settings.logFormat == .logfmt)
        #expect(settings.shutdownGrace == .seconds(10))
        #expect(settings.eventLoops == nil)
    }

    @Test func flagsOverrideEnvironmentWhichOverridesTheFile() throws {
        let file = #"{"host": "::1", "port": 7000, "log_level": "debug", "log_format": "json", "shutdown_grace": 2.5, "max_connections": 10, "event_loops": 3, "synthetic_series": 5}"#
        let fromFile = try resolve(["--config", "serve.json"], file: file)
        #expect(fromFile == ServeSettings(host: "::1", port: 7000, logLevel: .debug, logFormat: .json, shutdownGraceSeconds: 2.5,
                                         maxConnections: 10, eventLoops: 3, syntheticSeries: 5, configFile: "serve.json"))

        let environment = ["LOOKOUT_CONFIG": "serve.json", "LOOKOUT_PORT": "7100", "LOOKOUT_LOG_LEVEL": "WARN", "LOOKOUT_HOST": ""]
        let fromEnvironment = try resolve(environment: environment, file: file)
        #expect(fromEnvironment.port == 7100)
        #expect(fromEnvironment.logLevel == .warning)
        #expect(fromEnvironment.host == "::1", "an empty variable counts as unset")
        #expect(fromEnvironment.maxConnections == 10)

        let fromFlags = try resolve(["--port=7200", "--log-level", "error", "--host", "0.0.0.0"], environment: environment, file: file)
        #expect(fromFlags.port == 7200)
        #expect(fromFlags.logLevel == .error)
        #expect(fromFlags.host == "0.0.0.0")
        #expect(fromFlags.syntheticSeries == 5)
    }

    @Test(arguments: [
        (["--port", "70000"], [:], nil, "option '--port' must be a whole number from 0 to 65535, got '70000'"),
        (["--port", "http"], [:], nil, "option '--port' must be a whole number from 0 to 65535, got 'http'"),
        ([], ["LOOKOUT_LOG_FORMAT": "xml"], nil, "environment variable LOOKOUT_LOG_FORMAT must be logfmt or json, got 'xml'"),
        (["--shutdown-grace", "-1"], [:], nil, "option '--shutdown-grace' must be a number of seconds from 0 to 3600, got '-1'"),
        (["--host", "example.com"], [:], nil, "option '--host' must be a numeric IPv4 or IPv6 address, or localhost, got 'example.com'"),
        (["--max-connections", "0"], [:], nil, "option '--max-connections' must be a whole number from 1 to 1000000, got '0'"),
        (["--config", "c.json"], [:], #"{"port": "80"}"#,
         #"config file 'c.json': key 'port' must be a whole number from 0 to 65535, got the string "80""#),
        (["--config", "c.json"], [:], #"{"prot": 80}"#,
         "config file 'c.json': unknown key 'prot'; known keys: host, port, log_level, log_format, shutdown_grace, max_connections, event_loops, synthetic_series, bybit_base_url, bybit_timeout, bybit_attempts, bybit_ban_cooldown, rate_limit"),
        (["--config", "c.json"], [:], #"{"port": 80,"#,
         "config file 'c.json' is not a JSON object of settings (The given data was not valid JSON.)"),
        (["--config", "c.json"], [:], #"[1, 2]"#, "config file 'c.json' is not a JSON object of settings (the top level must be an object)"),
        (["--config", "missing.json"], [:], nil, "cannot read config file 'missing.json'"),
        (["--colour"], [:], nil, "unknown option '--colour'"),
        (["--port"], [:], nil, "option '--port' needs a value"),
    ] as [([String], [String: String], String?, String)])
    func invalidValuesAreOneReadableLine(arguments: [String], environment: [String: String], file: String?, message: String) {
        #expect {
            try resolve(arguments, environment: environment, file: file)
        } throws: { error in
            (error as? CommandLineError)?.description == message
        }
    }

    /// Found by `make fuzz` (serve-config): invalid UTF-8 in a nested key gave "not valid
    /// JSON" or "the top level must be an object" depending on dictionary order.
    @Test func invalidUTF8IsOneStableError() throws {
        let bytes = Array(#"{"port": 0, "rate_limit": {"endpoint_limits": {"/a"#.utf8) + [0xC3, 0x28]
            + Array(#"": 30}, "x": 1}}"#.utf8)
        try expectOneStableError(reading: bytes, "config file 'c.json' is not UTF-8 text")
    }

    /// Found by `make fuzz` (serve-config): a key with a carriage return split the message.
    @Test func controlCharactersInAKeyAreEscapedInTheMessage() throws {
        let options = try CommandLineOptions(["--config", "c.json"],
                                             CommandLineOptions.Specification(valued: ["config"], flags: []))
        #expect {
            try ServeSettings.resolve(options: options, environment: [:]) { (_: String) throws(CommandLineError) in
                Array(#"{"ua\rsle": 1}"#.utf8)
            }
        } throws: { error in
            (error as? CommandLineError)?.description.hasPrefix(#"config file 'c.json': unknown key 'ua\rsle'; known keys: host, "#) == true
        }
    }

    /// Found by `make fuzz` (serve-config): unescaped control characters in a nested string,
    /// also reported differently depending on dictionary order.
    @Test func controlCharactersInANestedStringAreOneStableError() throws {
        let bytes = Array(#"{"pAort": 0, "rate_limit": {"imits": {"/a"#.utf8) + [0, 0] + Array(#"": 30}, "trustdd_proxies": ["x"]}}"#.utf8)
        try expectOneStableError(reading: bytes, "config file 'c.json' is not a JSON object of settings (The given data was not valid JSON.)")
    }

    /// Resolves `--config c.json` holding `bytes` 20 times and expects `message` every time
    /// (the fuzz findings above gave a message that depended on dictionary order).
    private func expectOneStableError(reading bytes: [UInt8], _ message: String,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let options = try CommandLineOptions(["--config", "c.json"],
                                             CommandLineOptions.Specification(valued: ["config"], flags: []))
        for _ in 0..<20 {
            #expect(sourceLocation: sourceLocation) {
                try ServeSettings.resolve(options: options, environment: [:]) { (_: String) throws(CommandLineError) in bytes }
            } throws: { error in
                (error as? CommandLineError)?.description == message
            }
        }
    }
}

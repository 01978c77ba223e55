import LookoutBybit

extension ServeSettings {
    /// The settings from every source: flags override environment variables, which
    /// override the config file (`--config FILE` or `LOOKOUT_CONFIG`), which overrides the
    /// defaults. Empty environment variables count as unset.
    ///
    /// - Parameters:
    ///   - options: The parsed command line.
    ///   - environment: The process environment.
    ///   - readFile: Reads the config file (injected for tests).
    /// - Throws: ``CommandLineError`` naming the first invalid value, where it came from
    ///   and what is expected.
    static func resolve(options: CommandLineOptions, environment: [String: String],
                        readFile: (String) throws(CommandLineError) -> [UInt8]) throws(CommandLineError) -> ServeSettings
    {
        let environment = environment.filter { !$0.value.isEmpty }
        var settings = ServeSettings()
        var file: [String: ConfigFile.Value] = [:]
        var bytes: [UInt8]?
        if let path = options.value("config") ?? environment["LOOKOUT_CONFIG"] {
            bytes = try readFile(path)
            file = try ConfigFile.parse(bytes ?? [], path: path)
            settings.configFile = path
        }
        for spec in SettingSpec.all {
            if let text = options.value(spec.flag) {
                try apply(spec, text, to: &settings, source: "option '--\(spec.flag)'")
            } else if let text = environment[spec.environmentVariable] {
                try apply(spec, text, to: &settings, source: "environment variable \(spec.environmentVariable)")
            } else if let value = file[spec.key], let path = settings.configFile {
                let source = "config file '\(path)': key '\(spec.key)'"
                guard let text = value.text(as: spec.jsonType) else {
                    throw CommandLineError("\(source) must be \(spec.expectation), got \(value.description)")
                }
                try apply(spec, text, to: &settings, source: source)
            }
        }
        try resolveBybitBaseURL(&settings, options: options, environment: environment, file: file)
        settings.rateLimit = try RateLimitSettings.resolve(file: bytes, path: settings.configFile, options: options, environment: environment)
        return settings
    }

    /// Without `--bybit-base-url`, `LOOKOUT_BYBIT_BASE_URL` or the config key, the base URL
    /// comes from `BYBIT_BASE_URL` (as `lookout fetch` reads it), checked the same way.
    private static func resolveBybitBaseURL(_ settings: inout ServeSettings, options: CommandLineOptions, environment: [String: String],
                                            file: [String: ConfigFile.Value]) throws(CommandLineError)
    {
        guard options.value("bybit-base-url") == nil, environment["LOOKOUT_BYBIT_BASE_URL"] == nil, file["bybit_base_url"] == nil,
              let text = environment[BybitBaseURL.environmentVariable] else { return }
        do {
            settings.bybitBaseURL = try BybitBaseURL(text)
        } catch {
            throw CommandLineError("environment variable \(BybitBaseURL.environmentVariable): \(error.message)")
        }
    }

    private static func apply(_ spec: SettingSpec, _ text: String, to settings: inout ServeSettings, source: String) throws(CommandLineError) {
        guard spec.apply(&settings, text) else {
            throw CommandLineError("\(source) must be \(spec.expectation), got '\(text)'")
        }
    }
}

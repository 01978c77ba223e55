#if canImport(lookout)
@testable import lookout
#endif

/// A `lookout serve` config file, resolved exactly as `lookout serve --config FILE` does:
/// settings or one readable line naming the file, never a crash; and the same answer twice.
enum ServeConfigFuzzCheck {
    static let path = "fuzz.json"

    static func check(_ data: [UInt8]) -> [String] {
        let first = resolve(data)
        let second = resolve(data)
        var problems: [String] = []
        switch (first, second) {
        case (.success(let settings), .success(let again)):
            if settings != again { problems.append("two resolutions of the same file differ") }
        case (.failure(let error), .failure(let again)):
            let message = error.description
            if message != again.description { problems.append("two resolutions of the same file fail differently") }
            if message.isEmpty || message.contains("\n") || message.contains("\r") {
                problems.append("the error is not one readable line: \(String(reflecting: message))")
            }
            if !message.contains(path) { problems.append("the error does not name the config file: \(message)") }
        default:
            problems.append("one resolution of the file failed and one succeeded")
        }
        return problems
    }

    private static func resolve(_ data: [UInt8]) -> Result<ServeSettings, CommandLineError> {
        Result { () throws(CommandLineError) in
            let specification = CommandLineOptions.Specification(
                valued: Set(SettingSpec.all.map(\.flag) + ["config", RateLimitSettings.flag]), flags: ["help"])
            let options = try CommandLineOptions(["--config", path], specification)
            return try ServeSettings.resolve(options: options, environment: [:]) { (_: String) throws(CommandLineError) in data }
        }
    }
}

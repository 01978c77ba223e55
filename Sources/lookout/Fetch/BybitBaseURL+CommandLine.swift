import LookoutBybit

extension BybitBaseURL {
    /// The base URL of a market-data command: `--base-url` when given, else
    /// `$BYBIT_BASE_URL`, else Bybit's own; an invalid one is a one-line usage error.
    static func resolve(_ options: CommandLineOptions) throws(CommandLineError) -> BybitBaseURL {
        do throws(BybitError) {
            if let text = options.value("base-url") { return try BybitBaseURL(text) }
            return try BybitBaseURL.fromEnvironment()
        } catch {
            throw CommandLineError(error.message)
        }
    }
}

extension IPRateLimit {
    /// Parses `LIMIT/WINDOW[/BAN]` (`600/5s`, `50/250ms/2s`) or `off`, the form of the
    /// `bybit-sim --ip-limit` flag. The ban defaults to 10 minutes; `off` keeps counting
    /// requests but never bans.
    ///
    /// - Throws: ``SimulatorConfigurationError`` with code `invalidBehavior`.
    public init(spec: String) throws(SimulatorConfigurationError) {
        let subject = "ip limit '\(spec)'"
        if spec == "off" {
            self.init(isEnabled: false)
            return
        }
        let parts = spec.split(separator: "/", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let limit = Int(parts[0]) else {
            throw SimulatorConfigurationError(.invalidBehavior, subject: subject, "expected LIMIT/WINDOW[/BAN] such as 600/5s or 600/5s/10m, or off")
        }
        let window = try DurationText.parse(parts[1], subject: subject)
        let ban = parts.count == 3 ? try DurationText.parse(parts[2], subject: subject) : IPRateLimit().banDuration
        self.init(limit: limit, window: window, banDuration: ban)
        try validate()
    }

    /// The spec form, e.g. `600/5s/10m` or `off`; ``init(spec:)`` reads it back.
    public var spec: String {
        guard isEnabled else { return "off" }
        return "\(limit)/\(DurationText.format(window))/\(DurationText.format(banDuration))"
    }
}

extension FaultRule {
    /// Parses `FAULT[@TRIGGER][@PATH,PATH…]`, the form of a repeatable command-line flag:
    ///
    /// | FAULT | fault |
    /// |---|---|
    /// | `10006` | ``Fault/rateLimited`` |
    /// | `10016` | ``Fault/requestTimeout`` |
    /// | `5004` | ``Fault/serverTimeout`` |
    /// | `http:STATUS` | ``Fault/httpStatus(_:)`` |
    /// | `html:STATUS` | ``Fault/htmlPage(_:)`` |
    /// | `reset`, `reset:BYTES` | ``Fault/connectionReset(afterBodyBytes:)`` |
    /// | `truncate:BYTES` | ``Fault/truncatedBody(afterBytes:)`` |
    /// | `malformed` | ``Fault/malformedJSON`` |
    /// | `slow:CHUNK:PAUSE` | ``Fault/slowBody(chunkBytes:pause:)`` |
    /// | `delay:DURATION` | ``Fault/delay(_:)`` |
    ///
    /// The trigger defaults to `always` (see ``RequestTrigger/init(spec:)``); paths default to
    /// all. Examples: `10006@every:5@/v5/market/kline`, `http:503@p:0.05:42`, `delay:30s@next:3`.
    ///
    /// - Throws: ``SimulatorConfigurationError`` with code `invalidBehavior`.
    public init(spec: String) throws(SimulatorConfigurationError) {
        let parts = spec.split(separator: "@", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else {
            throw SimulatorConfigurationError(.invalidBehavior, subject: "fault '\(spec)'", "expected FAULT[@TRIGGER][@PATHS]")
        }
        let fault = try Self.parseFault(parts[0], subject: "fault '\(spec)'")
        let trigger = parts.count > 1 ? try RequestTrigger(spec: String(parts[1])) : .always
        var paths: Set<String>?
        if parts.count > 2 {
            paths = Set(parts[2].split(separator: ",").map(String.init))
            guard paths!.allSatisfy({ $0.hasPrefix("/") }) else {
                throw SimulatorConfigurationError(
                    .invalidBehavior, subject: "fault '\(spec)'", "paths must start with '/', e.g. /v5/market/kline")
            }
        }
        self.init(fault, trigger: trigger, paths: paths)
        try fault.validate(subject: "fault '\(spec)'")
    }

    /// The spec form, e.g. `10006@every:5@/v5/market/kline`; ``init(spec:)`` reads it back.
    public var spec: String {
        let fault: String = switch self.fault {
        case .rateLimited: "10006"
        case .requestTimeout: "10016"
        case .serverTimeout: "5004"
        case .httpStatus(let status): "http:\(status)"
        case .htmlPage(let status): "html:\(status)"
        case .connectionReset(let bytes): bytes.map { "reset:\($0)" } ?? "reset"
        case .truncatedBody(let bytes): "truncate:\(bytes)"
        case .malformedJSON: "malformed"
        case .slowBody(let chunk, let pause): "slow:\(chunk):\(DurationText.format(pause))"
        case .delay(let duration): "delay:\(DurationText.format(duration))"
        }
        let pathList = paths.map { "@" + $0.sorted().joined(separator: ",") } ?? ""
        return fault + (trigger == .always && pathList.isEmpty ? "" : "@" + trigger.spec) + pathList
    }

    private static func parseFault(_ text: Substring, subject: String) throws(SimulatorConfigurationError) -> Fault {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        func integer(_ index: Int) throws(SimulatorConfigurationError) -> Int {
            guard index < parts.count, let value = Int(parts[index]) else { throw syntaxError(subject) }
            return value
        }
        switch (parts[0], parts.count) {
        case ("10006", 1): return .rateLimited
        case ("10016", 1): return .requestTimeout
        case ("5004", 1): return .serverTimeout
        case ("http", 2): return .httpStatus(try integer(1))
        case ("html", 2): return .htmlPage(try integer(1))
        case ("reset", 1): return .connectionReset(afterBodyBytes: nil)
        case ("reset", 2): return .connectionReset(afterBodyBytes: try integer(1))
        case ("truncate", 2): return .truncatedBody(afterBytes: try integer(1))
        case ("malformed", 1): return .malformedJSON
        case ("slow", 3): return .slowBody(chunkBytes: try integer(1), pause: try DurationText.parse(parts[2], subject: subject))
        case ("delay", 2): return .delay(try DurationText.parse(parts[1], subject: subject))
        default: throw syntaxError(subject)
        }
    }

    private static func syntaxError(_ subject: String) -> SimulatorConfigurationError {
        SimulatorConfigurationError(
            .invalidBehavior, subject: subject,
            "unknown fault; use 10006, 10016, 5004, http:STATUS, html:STATUS, reset[:BYTES], truncate:BYTES, malformed, slow:CHUNK:PAUSE or delay:DURATION")
    }
}

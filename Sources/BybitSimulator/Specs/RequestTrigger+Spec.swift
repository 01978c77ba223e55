extension RequestTrigger {
    /// Parses `always`, `every:N`, `p:P` or `p:P:SEED`, and `next:N` — the form command-line
    /// flags use, e.g. `every:5`.
    ///
    /// - Throws: ``SimulatorConfigurationError`` with code `invalidBehavior`.
    public init(spec: String) throws(SimulatorConfigurationError) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        let subject = "trigger '\(spec)'"
        switch (parts[0], parts.count) {
        case ("always", 1):
            self = .always
        case ("every", 2):
            guard let n = Int(parts[1]) else { throw Self.syntaxError(subject) }
            self = .everyNth(n)
        case ("next", 2):
            guard let n = Int(parts[1]) else { throw Self.syntaxError(subject) }
            self = .nextRequests(n)
        case ("p", 2), ("p", 3):
            guard let p = Double(parts[1]), let seed = parts.count == 3 ? UInt64(parts[2]) : 0 else { throw Self.syntaxError(subject) }
            self = .probability(p, seed: seed)
        default:
            throw Self.syntaxError(subject)
        }
        try validate(subject: subject)
    }

    /// The spec form, e.g. `every:5`; ``init(spec:)`` reads it back.
    public var spec: String {
        switch self {
        case .always: "always"
        case .everyNth(let n): "every:\(n)"
        case .nextRequests(let n): "next:\(n)"
        case .probability(let p, let seed): seed == 0 ? "p:\(p)" : "p:\(p):\(seed)"
        }
    }

    private static func syntaxError(_ subject: String) -> SimulatorConfigurationError {
        SimulatorConfigurationError(.invalidBehavior, subject: subject, "expected always, every:N, p:PROBABILITY[:SEED] or next:N")
    }
}

extension Latency {
    /// Parses `none`, a duration (`50ms`), or a jittered range `MIN..MAX` or
    /// `MIN..MAX:SEED` (`20ms..80ms:7`).
    ///
    /// - Throws: ``SimulatorConfigurationError`` with code `invalidBehavior`.
    public init(spec: String) throws(SimulatorConfigurationError) {
        let subject = "latency '\(spec)'"
        if spec == "none" {
            self = .none
        } else if let range = spec.firstRange(of: "..") {
            let upper = spec[range.upperBound...].split(separator: ":", maxSplits: 1)
            guard let maximumText = upper.first else {
                throw SimulatorConfigurationError(.invalidBehavior, subject: subject, "expected MIN..MAX or MIN..MAX:SEED")
            }
            guard let seed = upper.count == 2 ? UInt64(upper[1]) : 0 else {
                throw SimulatorConfigurationError(.invalidBehavior, subject: subject, "the seed must be a non-negative integer")
            }
            self = .jittered(
                minimum: try DurationText.parse(spec[..<range.lowerBound], subject: subject),
                maximum: try DurationText.parse(maximumText, subject: subject), seed: seed)
        } else {
            self = .fixed(try DurationText.parse(spec, subject: subject))
        }
        try validate()
    }

    /// The spec form, e.g. `20ms..80ms:7`; ``init(spec:)`` reads it back.
    public var spec: String {
        switch self {
        case .none: "none"
        case .fixed(let delay): DurationText.format(delay)
        case .jittered(let minimum, let maximum, let seed):
            "\(DurationText.format(minimum))..\(DurationText.format(maximum))" + (seed == 0 ? "" : ":\(seed)")
        }
    }
}

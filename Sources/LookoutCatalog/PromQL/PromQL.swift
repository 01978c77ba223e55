/// A PromQL expression whose metric names come from declarations.
///
/// Write expressions as string literals and interpolate declarations, selectors and
/// recorded series instead of typing names; the catalog then checks that everything
/// referenced is declared, and the structure is checked (balanced brackets and quotes,
/// known functions) before anything is generated:
///
/// ```swift
/// expr: "sum by (job) (rate(\(requests.matching("code", .regex("5..")))[5m])) > 1"
/// ```
public struct PromQL: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The expression text.
    public let text: String
    /// What the expression references, in order.
    package let references: [Reference]

    /// A declared thing an expression reads.
    package enum Reference: Sendable, Hashable {
        case selector(SeriesSelector)
        case recorded(RecordedSeries)
    }

    /// An expression with no interpolated references.
    public init(stringLiteral value: String) {
        text = value
        references = []
    }

    /// An expression built by interpolation.
    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        references = stringInterpolation.references
    }

    package init(text: String, references: [Reference]) {
        self.text = text
        self.references = references
    }

    /// The expression text.
    public var description: String { text }

    /// The declared metrics the expression reads, directly or through recorded series.
    package var referencedMetrics: [DeclaredMetric] {
        references.flatMap { reference -> [DeclaredMetric] in
            switch reference {
            case .selector(let selector): return [selector.metric]
            case .recorded(let series): return series.sources
            }
        }
    }

    /// Builds a ``PromQL`` text while recording what was interpolated.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var text = ""
        var references: [Reference] = []

        /// Reserves space for the literal parts.
        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        /// Appends literal PromQL text.
        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Appends a declaration's or selector's series selector, such as
        /// `http_requests_total{code=~"5.."}`.
        public mutating func appendInterpolation(_ selector: some SelectorConvertible) {
            let resolved = selector.selector
            text += resolved.description
            references.append(.selector(resolved))
        }

        /// Appends a recorded series' name and static labels.
        public mutating func appendInterpolation(_ series: RecordedSeries) {
            text += series.description
            references.append(.recorded(series))
        }

        /// Appends another expression (and its references).
        public mutating func appendInterpolation(_ expression: PromQL) {
            text += expression.text
            references += expression.references
        }

        /// Appends a duration such as `5m`.
        public mutating func appendInterpolation(_ duration: PromDuration) { text += duration.description }

        /// Appends a number in PromQL form (`0.95`, `14.4`, `300`).
        public mutating func appendInterpolation(_ number: Double) { text += PromQLText.number(number) }

        /// Appends an integer.
        public mutating func appendInterpolation(_ number: Int) { text += String(number) }
    }
}

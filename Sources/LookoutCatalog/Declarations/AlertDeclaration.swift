/// A declared alert: one name, one or more severity conditions, the text a responder
/// reads, and the tests that prove when it fires.
///
/// Each condition becomes one Prometheus alerting rule named ``name`` with its
/// `severity` label, so a `warning` and a `critical` tier of the same alert share the
/// name and the critical one inhibits the warning in Alertmanager.
///
/// Tests are required: at least one ``AlertTest/silent(_:at:given:)`` case and, for each
/// severity, one ``AlertTest/fires(_:when:at:labels:annotations:given:)`` case. They are
/// generated into `promtool test rules` files, so the CI proves every alert.
///
/// ```swift
/// AlertDeclaration(
///     "HTTPErrorsHigh",
///     summary: "{{ $labels.job }} is failing requests",
///     description: "More than 5% of {{ $labels.job }}'s requests failed in the last 5 minutes.",
///     conditions: [.warning("\(errors.recorded) > 0.05", for: .minutes(10))],
///     tests: [...])
/// ```
public struct AlertDeclaration: Sendable, Hashable {
    /// One severity tier of an alert.
    public struct Condition: Sendable, Hashable {
        /// The tier's severity.
        public let severity: AlertSeverity
        /// The expression; the alert fires for every series it returns.
        public let expr: PromQL
        /// How long the expression must hold before the alert fires (`for`).
        public let duration: PromDuration?
        /// How long the alert keeps firing after the expression stops holding
        /// (`keep_firing_for`, Prometheus 2.42+).
        public let keepFiringFor: PromDuration?
        /// Extra static labels on the alert.
        public let labels: [String: String]

        /// A tier of `severity`.
        public init(_ severity: AlertSeverity, _ expr: PromQL, for duration: PromDuration? = nil,
                    keepFiringFor: PromDuration? = nil, labels: [String: String] = [:])
        {
            self.severity = severity
            self.expr = expr
            self.duration = duration
            self.keepFiringFor = keepFiringFor
            self.labels = labels
        }

        /// A `critical` tier.
        public static func critical(_ expr: PromQL, for duration: PromDuration? = nil, keepFiringFor: PromDuration? = nil,
                                    labels: [String: String] = [:]) -> Condition
        {
            Condition(.critical, expr, for: duration, keepFiringFor: keepFiringFor, labels: labels)
        }

        /// A `warning` tier.
        public static func warning(_ expr: PromQL, for duration: PromDuration? = nil, keepFiringFor: PromDuration? = nil,
                                   labels: [String: String] = [:]) -> Condition
        {
            Condition(.warning, expr, for: duration, keepFiringFor: keepFiringFor, labels: labels)
        }

        /// An `info` tier.
        public static func info(_ expr: PromQL, for duration: PromDuration? = nil, keepFiringFor: PromDuration? = nil,
                                labels: [String: String] = [:]) -> Condition
        {
            Condition(.info, expr, for: duration, keepFiringFor: keepFiringFor, labels: labels)
        }
    }

    /// The alert name, PascalCase (`HTTPErrorsHigh`).
    public let name: String
    /// One line for the notification title; may use `{{ $labels.<name> }}`.
    public let summary: String
    /// What is happening and why it matters; may use `{{ $labels.<name> }}`.
    public let description: String
    /// The severity tiers, one rule each.
    public let conditions: [Condition]
    /// The runbook; `nil` uses the catalog's generated runbook page.
    public let runbookURL: String?
    /// How to respond, written into the generated runbook page (Markdown).
    public let response: String?
    /// The cases that prove when the alert fires and when it stays silent.
    public let tests: [AlertTest]

    /// An alert with several severity tiers.
    public init(_ name: String, summary: String, description: String, conditions: [Condition],
                tests: [AlertTest], response: String? = nil, runbookURL: String? = nil)
    {
        self.name = name
        self.summary = summary
        self.description = description
        self.conditions = conditions
        self.tests = tests
        self.response = response
        self.runbookURL = runbookURL
    }

    /// An alert with one severity.
    public init(_ name: String, severity: AlertSeverity, expr: PromQL, for duration: PromDuration? = nil,
                keepFiringFor: PromDuration? = nil, labels: [String: String] = [:],
                summary: String, description: String, tests: [AlertTest], response: String? = nil, runbookURL: String? = nil)
    {
        self.init(name, summary: summary, description: description,
                  conditions: [Condition(severity, expr, for: duration, keepFiringFor: keepFiringFor, labels: labels)],
                  tests: tests, response: response, runbookURL: runbookURL)
    }
}

import LookoutCatalog

/// The receivers and timings of the generated `alerts/alertmanager.yml`.
///
/// Alerts are routed by `severity`: `critical` to ``critical``, `warning` to ``warning``,
/// anything else (`info`) to ``fallback``. A receiver without a webhook URL accepts
/// alerts and notifies nobody; set URLs (or edit the generated file's receivers in your
/// deployment) to deliver them.
public struct AlertmanagerSettings: Sendable, Hashable {
    /// A named receiver, optionally delivering to a webhook.
    public struct Receiver: Sendable, Hashable {
        /// The receiver's name in the config.
        public let name: String
        /// A webhook to POST alerts to (Alertmanager's webhook format), if any.
        public let webhookURL: String?

        /// A receiver named `name`.
        public init(name: String, webhookURL: String? = nil) {
            self.name = name
            self.webhookURL = webhookURL
        }
    }

    /// Pages: `severity="critical"`.
    public var critical: Receiver
    /// Tickets: `severity="warning"`.
    public var warning: Receiver
    /// Everything else.
    public var fallback: Receiver
    /// Labels alerts are grouped by into one notification.
    public var groupBy: [String]
    /// How long to wait to group the first alerts of a new group.
    public var groupWait: PromDuration
    /// How long to wait before notifying about alerts added to a group.
    public var groupInterval: PromDuration
    /// How long to wait before repeating a notification of a still-firing group.
    public var repeatInterval: PromDuration

    /// Settings with the defaults: receivers `critical`, `warning` and `default` without
    /// webhooks, grouped by alert name and job, 30s / 5m / 4h.
    public init(critical: Receiver = Receiver(name: "critical"), warning: Receiver = Receiver(name: "warning"),
                fallback: Receiver = Receiver(name: "default"), groupBy: [String] = ["alertname", "job"],
                groupWait: PromDuration = .seconds(30), groupInterval: PromDuration = .minutes(5), repeatInterval: PromDuration = .hours(4))
    {
        self.critical = critical
        self.warning = warning
        self.fallback = fallback
        self.groupBy = groupBy
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
    }
}

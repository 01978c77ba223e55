/// How urgent an alert is; routed by the generated Alertmanager config.
///
/// `critical` pages someone now, `warning` opens a ticket for working hours, `info` is
/// recorded but notifies nobody. A firing `critical` inhibits the `warning` of the same
/// alert, job and instance.
public enum AlertSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Wake someone up: users are affected now or will be shortly.
    case critical
    /// Needs attention in working hours.
    case warning
    /// Context for other alerts; notifies nobody.
    case info

    /// Orders by urgency: critical first.
    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

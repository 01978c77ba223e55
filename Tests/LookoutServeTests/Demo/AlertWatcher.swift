import Foundation

/// What the alerting APIs showed while the demo ran: each alert (`Name/severity`) seen
/// firing in Prometheus, with the scenario phases it fired in, the receivers Alertmanager
/// routed it to, and whether Alertmanager held it back by an inhibition.
///
/// Only Alertmanager alerts carrying `label` (an external label of the test's Prometheus)
/// count, so the demo's own Prometheus (the unshortened rules) does not mix in.
struct AlertWatcher {
    let prometheus: PrometheusAPI
    let alertmanager: PrometheusAPI
    let label: (name: String, value: String)

    private(set) var firedIn: [String: Set<String>] = [:]
    private(set) var receivers: [String: Set<String>] = [:]
    private(set) var inhibited: Set<String> = []

    /// `Name/severity` of an alert's labels.
    static func key(_ labels: [String: Any]) -> String {
        "\(labels["alertname"] as? String ?? "?")/\(labels["severity"] as? String ?? "none")"
    }

    /// Alerts firing in Prometheus now.
    func firing() async throws -> Set<String> {
        let data = try await prometheus.data("/api/v1/alerts") as? [String: Any] ?? [:]
        let alerts = data["alerts"] as? [[String: Any]] ?? []
        return Set(alerts.filter { $0["state"] as? String == "firing" }.map { Self.key($0["labels"] as? [String: Any] ?? [:]) })
    }

    /// Alerts Alertmanager holds from the test's Prometheus now (active or inhibited).
    func inAlertmanager() async throws -> [(key: String, receivers: [String], inhibited: Bool)] {
        try await alertmanager.alertmanagerAlerts().compactMap { alert in
            let labels = alert["labels"] as? [String: Any] ?? [:]
            guard labels[label.name] as? String == label.value else { return nil }
            let receivers = (alert["receivers"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            let status = alert["status"] as? [String: Any] ?? [:]
            let inhibitedBy = status["inhibitedBy"] as? [Any] ?? []
            return (Self.key(labels), receivers, status["state"] as? String == "suppressed" && !inhibitedBy.isEmpty)
        }
    }

    /// Records one look at both APIs during `phase`.
    mutating func observe(phase: String) async throws {
        for key in try await firing() { firedIn[key, default: []].insert(phase) }
        for alert in try await inAlertmanager() {
            receivers[alert.key, default: []].formUnion(alert.receivers)
            if alert.inhibited { inhibited.insert(alert.key) }
        }
    }

    /// A readable summary of everything seen, for failure messages.
    var summary: String {
        firedIn.keys.sorted().map { key in
            "  \(key): fired in \(firedIn[key]!.sorted().joined(separator: ",")); receivers \(receivers[key]?.sorted().joined(separator: ",") ?? "none")"
                + (inhibited.contains(key) ? "; inhibited" : "")
        }.joined(separator: "\n")
    }
}

/// The test copy of the generated rules: `for:` and `keep_firing_for:` shortened to
/// `holdFor`, and the 5-minute rate windows of recording rules and alerts shortened to
/// `window`, so a fault of a few seconds fires its alert and the alert resolves a few
/// seconds after the fault ends. The SLO windows (30m to 28d) are left alone.
enum ShortenedRules {
    static func write(from source: URL, to destination: URL, holdFor: String, window: String) throws -> [URL] {
        let files = try FileManager.default.contentsOfDirectory(at: source, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".rules.yml") }.sorted { $0.path < $1.path }
        let hold = try NSRegularExpression(pattern: #"^(\s*)(for|keep_firing_for): .*$"#, options: .anchorsMatchLines)
        return try files.map { file in
            var text = try String(contentsOf: file, encoding: .utf8)
            text = hold.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1$2: \(holdFor)")
            text = text.replacingOccurrences(of: "[5m]", with: "[\(window)]")
            let target = destination.appendingPathComponent(file.lastPathComponent)
            try Data(text.utf8).write(to: target)
            return target
        }
    }
}

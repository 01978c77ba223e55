import LookoutCatalog

/// Renders `alerts/alertmanager.yml`: a route per severity and an inhibition of warnings
/// by criticals of the same alert, job and instance (a page already covers its ticket).
enum AlertmanagerConfig {
    static let fileName = "alertmanager.yml"

    static func render(_ set: CatalogSet) -> String {
        let settings = set.alertmanager
        func matcher(_ severity: AlertSeverity) -> YAMLNode { .strings(["severity=\"\(severity.rawValue)\""]) }
        func receiver(_ receiver: AlertmanagerSettings.Receiver) -> YAMLNode {
            var entries = [YAMLNode.Entry("name", .string(receiver.name))]
            if let url = receiver.webhookURL {
                entries.append(.init("webhook_configs", .sequence([.mapping([.init("url", .string(url)), .init("send_resolved", .raw("true"))])])))
            }
            return .mapping(entries)
        }
        let receivers = [settings.critical, settings.warning, settings.fallback].uniqued()
        let root = YAMLNode.mapping([
            .init("route", .mapping([
                .init("receiver", .string(settings.fallback.name)),
                .init("group_by", .strings(settings.groupBy)),
                .init("group_wait", .string(settings.groupWait.description)),
                .init("group_interval", .string(settings.groupInterval.description)),
                .init("repeat_interval", .string(settings.repeatInterval.description)),
                .init("routes", .sequence([
                    .mapping([.init("receiver", .string(settings.critical.name)), .init("matchers", matcher(.critical))]),
                    .mapping([.init("receiver", .string(settings.warning.name)), .init("matchers", matcher(.warning))]),
                ])),
            ])),
            .init("inhibit_rules", .sequence([.mapping([
                .init("source_matchers", matcher(.critical)),
                .init("target_matchers", matcher(.warning)),
                .init("equal", .strings(["alertname", "job", "instance"])),
            ])])),
            .init("receivers", .sequence(receivers.map(receiver))),
        ])
        var header = GeneratedHeader.lines(for: nil, set: set, verb: "generate-alerts")
        header += ["", "Routes critical alerts and warnings to separate receivers; a critical alert inhibits",
                   "the warning of the same alertname, job and instance. Receivers come from",
                   "AlertmanagerSettings in the catalog executable (webhook URLs), or configure them",
                   "in your deployment. Check: amtool check-config alerts/alertmanager.yml"]
        return YAMLWriter.render(root, headerComment: header)
    }
}

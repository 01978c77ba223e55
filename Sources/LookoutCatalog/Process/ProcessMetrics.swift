import Lookout

/// The catalog of the core's process metrics (`ProcessCollector`): CPU, memory, file
/// descriptors and uptime on the overview dashboard, a file-descriptor exhaustion alert
/// and a restart alert.
///
/// The declarations reuse `ProcessCollector`'s descriptors, so no name is typed here.
/// Register the collector itself (`try registry.register(ProcessCollector())`); these
/// declarations only describe its output for dashboards and rules.
public struct ProcessMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`ProcessMetrics.<member>`).
    public init() {}

    /// `process_cpu_seconds_total`: CPU time, charted as the share of one core in use.
    public let cpu = CounterDeclaration(
        ProcessCollector.cpuSeconds,
        chart: .timeseries(row: "Process", title: "CPU usage (1.0 = one core)", unit: .percentUnit, legend: "{{instance}}", by: ["instance"]))
    /// `process_resident_memory_bytes`.
    public let residentMemory = GaugeDeclaration(
        ProcessCollector.residentMemory,
        chart: .timeseries(row: "Process", title: "Resident memory", legend: "{{instance}}", by: ["instance"]))
    /// `process_virtual_memory_bytes`.
    public let virtualMemory = GaugeDeclaration(
        ProcessCollector.virtualMemory,
        chart: .timeseries(row: "Process", title: "Virtual memory", legend: "{{instance}}", by: ["instance"]))
    /// `process_start_time_seconds`, charted as uptime.
    public let startTime = GaugeDeclaration(
        ProcessCollector.startTime,
        chart: .stat(row: "Process", title: "Uptime", legend: "{{instance}}", by: ["instance"], display: .age))
    /// `process_open_fds`.
    public let openFileDescriptors = GaugeDeclaration(
        ProcessCollector.openFileDescriptors,
        chart: .timeseries(row: "File descriptors", title: "Open file descriptors", legend: "{{instance}}", by: ["instance"]))
    /// `process_max_fds`: shown through ``fileDescriptorUsage``.
    public let maxFileDescriptors = GaugeDeclaration(ProcessCollector.maxFileDescriptors, chart: .hidden)

    /// Open over maximum file descriptors, per instance.
    public static let fileDescriptorUsage = RatioDeclaration(
        "process_fd_usage", help: "Share of the open-file limit in use.",
        numerator: openFileDescriptors, denominator: maxFileDescriptors, by: ["job", "instance"],
        chart: .timeseries(row: "File descriptors", title: "File descriptor usage", unit: .percentUnit, legend: "{{instance}}",
                           by: ["instance"], thresholds: .above(warning: 0.8, critical: 0.95)))

    /// The file-descriptor limit is nearly reached: new connections and files will fail.
    public static let fileDescriptorsExhausted = AlertDeclaration(
        "ProcessFileDescriptorsExhausted",
        summary: "{{ $labels.instance }} ({{ $labels.job }}) is running out of file descriptors",
        description: "{{ $labels.instance }} uses more than 80% (warning) or 95% (critical) of its open-file limit; at 100% new connections and files fail.",
        conditions: [
            .warning("\(fileDescriptorUsage.recorded) > 0.8", for: .minutes(10)),
            .critical("\(fileDescriptorUsage.recorded) > 0.95", for: .minutes(5)),
        ],
        tests: [
            .silent("at half the limit", at: .minutes(20), given: [openFileDescriptors.series("500x30"), maxFileDescriptors.series("1000x30")]),
            .fires(.warning, when: "at 90% of the limit for 10 minutes", at: .minutes(20),
                   given: [openFileDescriptors.series("900x30"), maxFileDescriptors.series("1000x30")]),
            .fires(.warning, .critical, when: "at 99% of the limit", at: .minutes(20),
                   given: [openFileDescriptors.series("990x30"), maxFileDescriptors.series("1000x30")]),
            .silent("a short spike to 99% is ignored", at: .minutes(20),
                    given: [openFileDescriptors.series("500x15 990x3 500x12"), maxFileDescriptors.series("1000x30")]),
        ],
        response: "Find what holds the descriptors (`ls -l /proc/<pid>/fd`, connection counts on the dashboards): a leak grows steadily, a load spike follows traffic. Raise the limit (`ulimit -n`, systemd `LimitNOFILE=`) only once the cause is understood.")

    /// The process restarted (info) or keeps restarting (warning, a crash loop).
    public static let restarting = AlertDeclaration(
        "ProcessRestarting",
        summary: "{{ $labels.instance }} ({{ $labels.job }}) restarted",
        description: "The start time of {{ $labels.instance }} changed in the last 15 minutes: once is a restart (info), more than twice a crash loop (warning, kept for 15 minutes after it stops).",
        conditions: [
            .info("changes(\(startTime)[15m]) > 0"),
            .warning("changes(\(startTime)[15m]) > 2", keepFiringFor: .minutes(15)),
        ],
        tests: [
            .silent("a steady process", at: .minutes(20), given: [startTime.series("1700000000x30")]),
            .fires(.info, when: "one restart", at: .minutes(20), given: [startTime.series("1700000000x10 1700000660x20")]),
            .fires(.info, .warning, when: "a crash loop restarting every minute", at: .minutes(20),
                   given: [startTime.series("1700000000+60x30")]),
            .fires(.warning, when: "a crash loop that stopped keeps the warning for 15 minutes", at: .minutes(30),
                   given: [startTime.series("1700000000+60x10 1700000600x30")]),
        ],
        response: "Read the process's last log lines and exit status (`journalctl -u <unit>`, `kubectl logs --previous`): a crash loop usually follows a bad deploy or configuration, or an out-of-memory kill (compare the resident memory panel with the limit).")

    /// The process catalog: the overview dashboard (which also summarises every SLO).
    public static let catalog = MetricCatalog(
        "process", title: "Process",
        dashboards: [DashboardDeclaration("overview", title: "Lookout overview", overview: true)],
        declarations: ProcessMetrics.self,
        ratios: [fileDescriptorUsage],
        alerts: [fileDescriptorsExhausted, restarting])
}

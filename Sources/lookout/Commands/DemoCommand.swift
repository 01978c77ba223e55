import Lookout

/// `lookout demo`: instruments a simulated request workload and prints the registry in
/// both exposition formats. A quick look at what Lookout writes, with no server.
struct DemoCommand {
    static let help = """
        USAGE: lookout demo [--requests N] [--format text|openmetrics|both]

        Runs a simulated workload of HTTP-like requests against Lookout's metrics and prints
        the resulting exposition.

        OPTIONS:
          --requests N      simulated requests (default 1000, 1...10000000)
          --format F        text (Prometheus 0.0.4), openmetrics, or both (default)
          --help            show this help
        """

    static func run(_ arguments: [String]) throws(CommandLineError) -> Int32 {
        let options = try CommandLineOptions(arguments, .init(valued: ["requests", "format"], flags: ["help"]))
        if options.flag("help") { print(help); return 0 }
        let requests = try options.integer("requests", in: 1...10_000_000) ?? 1_000
        let format = options.value("format") ?? "both"
        guard ["text", "openmetrics", "both"].contains(format) else {
            throw CommandLineError("option '--format' must be text, openmetrics or both, got '\(format)'")
        }
        let registry: Registry
        do {
            registry = try DemoWorkload.run(requests: requests)
        } catch {
            throw CommandLineError("demo: \(error)")
        }
        if format != "openmetrics" {
            print("# ---- Prometheus text format 0.0.4 (\(ExpositionFormat.prometheusText.contentType))")
            print(String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self))
        }
        if format != "text" {
            print("# ---- OpenMetrics 1.0.0 (\(ExpositionFormat.openMetrics.contentType))")
            print(String(decoding: registry.exposition(format: .openMetrics), as: UTF8.self))
        }
        return 0
    }
}

/// A deterministic simulated workload: routes, methods, statuses and latencies drawn
/// from a seeded generator, recorded the way a real service would.
enum DemoWorkload {
    static func run(requests: Int) throws(MetricError) -> Registry {
        let registry = Registry()
        try registry.register(ProcessCollector())
        try LookoutBuildInfo.register(in: registry)
        let served = try registry.counterFamily("demo_requests_total", help: "Requests handled by the simulated service.",
                                               labelNames: ["method", "route", "status"])
        let latency = try registry.histogramFamily("demo_request_duration_seconds", help: "Simulated request latency.",
                                                  unit: .seconds, labelNames: ["route"])
        let inFlight = try registry.gauge("demo_requests_in_flight", help: "Requests being handled.")
        let phase = try registry.stateSet("demo_phase", help: "Lifecycle phase of the simulated service.", states: ["starting", "serving", "draining"])
        try? phase.set("starting")
        let routes = ["/api/v1/klines/{symbol}", "/api/v1/health", "/metrics"]
        var random = SplitMix64(seed: 42)
        try? phase.set("serving")
        for _ in 0..<requests {
            inFlight.inc()
            let route = routes[Int(random.next() % UInt64(routes.count))]
            let status = random.next() % 100 < 3 ? "500" : "200"
            served.labels(route == "/metrics" ? "GET" : (random.next() % 4 == 0 ? "POST" : "GET"), route, status).inc()
            latency.labels(route).observe(Double(random.next() % 2_000) / 10_000 + 0.001)
            inFlight.dec()
        }
        return registry
    }
}

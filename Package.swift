// swift-tools-version:6.0
// Lookout: metrics, exposition, generated dashboards and alerts, and an instrumented
// market-data backend. The root package has no package dependencies: it links the
// system libraries libcurl, hiredis and zlib through the C targets below.
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the tools-version default;
/// warnings are errors in CI through `make test` (see Makefile), not here, so that a newer
/// toolchain's new warning never breaks a user's build.
let swiftSettings: [SwiftSetting] = []

let package = Package(
    name: "Lookout",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Lookout", targets: ["Lookout"]),
        .library(name: "LookoutTesting", targets: ["LookoutTesting"]),
        .library(name: "BybitSimulator", targets: ["BybitSimulator"]),
        .library(name: "BybitSimulatorHTTP", targets: ["BybitSimulatorHTTP"]),
        .executable(name: "bybit-sim", targets: ["bybit-sim"]),
        .library(name: "LookoutCurl", targets: ["LookoutCurl"]),
        .library(name: "LookoutBybit", targets: ["LookoutBybit"]),
        .library(name: "LookoutHTTP", targets: ["LookoutHTTP"]),
        .executable(name: "lookout", targets: ["lookout"]),
        // MARK: Catalog (declarations → dashboards and rules)
        .library(name: "LookoutCatalog", targets: ["LookoutCatalog"]),
        .library(name: "LookoutCatalogGenerator", targets: ["LookoutCatalogGenerator"]),
        .executable(name: "lookout-catalog", targets: ["lookout-catalog"]),
        .plugin(name: "GenerateDashboards", targets: ["GenerateDashboards"]),
        .plugin(name: "GenerateAlerts", targets: ["GenerateAlerts"]),
        // MARK: Redis client
        .library(name: "LookoutRedis", targets: ["LookoutRedis"]),
        // MARK: Rate limiting (product)
        .library(name: "LookoutRateLimit", targets: ["LookoutRateLimit"]),
        // MARK: Candle cache
        .library(name: "LookoutCache", targets: ["LookoutCache"]),
        .library(name: "LookoutZlib", targets: ["LookoutZlib"]),
    ],
    targets: [
        // MARK: System libraries (one Swift importer each)
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // MARK: Core
        // A per-thread slot number for contention striping (C11 _Thread_local; Swift has none).
        .target(name: "CLookoutThread"),
        .target(name: "LookoutZlib", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(name: "Lookout", dependencies: ["LookoutZlib", "CLookoutThread"], swiftSettings: swiftSettings),
        // Helpers for users' tests: value and exposition assertions, a manual clock.
        .target(name: "LookoutTesting", dependencies: ["Lookout"], swiftSettings: swiftSettings),

        // HTTP/1.1 server, router and middleware on POSIX sockets.
        // CLookoutHTTP exposes the Linux APIs (epoll, eventfd, accept4) Glibc's module lacks.
        .systemLibrary(name: "CLookoutHTTP"),
        // It declares its own metrics (HTTPMetrics) with LookoutCatalog and serves /metrics from a Registry.
        .target(name: "LookoutHTTP", dependencies: ["CLookoutHTTP", "Lookout", "LookoutCatalog", "LookoutHTTPTypes"], swiftSettings: swiftSettings),
        // The detached OS threads LookoutCurl's driver and LookoutRedis' event loop block on.
        .target(name: "LookoutThreading", swiftSettings: swiftSettings),
        // MARK: HTTP vocabulary (leaf: methods, statuses, header fields, problem+json, JSON strings)
        // Shared by the server, the curl client, the simulator, the CLI and the catalog's writers.
        .target(name: "LookoutHTTPTypes", swiftSettings: swiftSettings),

        // MARK: Executables
        .executableTarget(name: "lookout", dependencies: ["Lookout", "LookoutHTTP", "LookoutBybit", "LookoutHTTPTypes", "LookoutRateLimit", "LookoutRedis", "LookoutCache"], swiftSettings: swiftSettings),

        // MARK: Bybit simulator (a pure library; the `bybit-sim` executable wraps it)
        .target(name: "BybitSimulator", dependencies: ["LookoutHTTPTypes"], swiftSettings: swiftSettings),
        // The simulator served over LookoutHTTP (library, so tests and benchmarks start it
        // in-process), and the `bybit-sim` executable around it.
        .target(name: "BybitSimulatorHTTP", dependencies: ["BybitSimulator", "LookoutHTTP"], swiftSettings: swiftSettings),
        .executableTarget(name: "bybit-sim", dependencies: ["BybitSimulatorHTTP"], swiftSettings: swiftSettings),

        // MARK: Bybit market data over libcurl
        .target(name: "LookoutCurl", dependencies: ["CCurl", "LookoutHTTPTypes", "LookoutThreading"], swiftSettings: swiftSettings),
        .target(name: "LookoutBybit", dependencies: ["LookoutCurl", "Lookout", "LookoutCatalog", "LookoutRateLimit"], swiftSettings: swiftSettings),

        // MARK: Catalog: declarations → Grafana dashboards, Prometheus rules, Alertmanager config
        // What running code needs: declarations, PromQL interpolation, units (no Foundation).
        .target(name: "LookoutCatalog", dependencies: ["Lookout"], swiftSettings: swiftSettings),
        // The generator: PromQL parsing and checks, Grafana JSON, rules, rule tests, Alertmanager,
        // validation and file output. Only catalog executables link it, never a library module.
        .target(name: "LookoutCatalogGenerator", dependencies: ["LookoutCatalog", "Lookout", "LookoutHTTPTypes"], swiftSettings: swiftSettings),
        // The catalog executable the plugins build and run: it lists the project's catalogs.
        .executableTarget(name: "lookout-catalog", dependencies: ["LookoutCatalogGenerator", "LookoutHTTP", "LookoutBybit", "LookoutRedis", "LookoutRateLimit", "LookoutCache"], swiftSettings: swiftSettings),
        .plugin(
            name: "GenerateDashboards",
            capability: .command(
                intent: .custom(verb: "generate-dashboards", description: "Generate Grafana dashboards from the package's metric catalogs"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated Grafana dashboards (dashboards/*.json by default)")]
            )
        ),
        .plugin(
            name: "GenerateAlerts",
            capability: .command(
                intent: .custom(verb: "generate-alerts", description: "Generate Prometheus rules, rule tests and Alertmanager config from the package's metric catalogs"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated Prometheus rules, rule unit tests and Alertmanager config (alerts/ by default)")]
            )
        ),
        .testTarget(
            name: "LookoutCatalogTests",
            dependencies: ["LookoutCatalogGenerator", "LookoutCatalog", "Lookout", "TestSupport"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: swiftSettings
        ),

        // MARK: Redis client (hiredis formats and parses; LookoutRedis owns the sockets)
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(name: "LookoutRedis", dependencies: ["CHiredis", "Lookout", "LookoutCatalog", "LookoutThreading"], swiftSettings: swiftSettings),
        // Real redis-server processes (standalone, cluster, sentinel) for tests of Redis users.
        .target(name: "RedisTestSupport", path: "Tests/RedisTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "LookoutRedisTests",
            dependencies: ["LookoutRedis", "RedisTestSupport", "Lookout", "LookoutTesting"],
            swiftSettings: swiftSettings
        ),

        // MARK: Rate limiting: sliding-window and GCRA limiters, memory and Redis backends, HTTP middleware
        .target(name: "LookoutRateLimit", dependencies: ["Lookout", "LookoutCatalog", "LookoutHTTP", "LookoutRedis"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LookoutRateLimitTests",
            dependencies: ["LookoutRateLimit", "LookoutHTTP", "Lookout", "LookoutTesting", "TestSupport", "LookoutRedis", "RedisTestSupport"],
            swiftSettings: swiftSettings
        ),

        // MARK: Candle cache (memory or Redis, compact chunks) in front of the Bybit client
        .target(
            name: "LookoutCache", dependencies: ["Lookout", "LookoutCatalog", "LookoutZlib", "LookoutBybit", "LookoutRedis"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LookoutCacheTests",
            dependencies: ["LookoutCache", "LookoutBybit", "LookoutTesting", "BybitSimulator", "BybitSimulatorHTTP", "TestSupport", "SimulatorTestSupport", "RedisTestSupport", "Lookout", "LookoutRateLimit"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        // Shared by test targets only: running real external tools, repository paths (no
        // Lookout module, so linking it builds nothing else).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        // The Bybit simulator served on a loopback port, for the tests that fetch from it.
        .target(name: "SimulatorTestSupport", dependencies: ["BybitSimulatorHTTP"], path: "Tests/SimulatorTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "LookoutTests", dependencies: ["Lookout", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LookoutTestingTests", dependencies: ["LookoutTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "LookoutZlibTests", dependencies: ["LookoutZlib"], swiftSettings: swiftSettings),
        .testTarget(name: "BybitSimulatorTests", dependencies: ["BybitSimulator"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BybitSimulatorHTTPTests", dependencies: ["BybitSimulatorHTTP", "BybitSimulator", "LookoutHTTP", "LookoutCurl", "TestSupport", "SimulatorTestSupport"],
            swiftSettings: swiftSettings
        ),
        // Runs the built `lookout` and `bybit-sim` executables against an in-process simulator.
        .testTarget(name: "LookoutCLITests", dependencies: ["BybitSimulator", "BybitSimulatorHTTP", "TestSupport", "SimulatorTestSupport", "RedisTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LookoutCurlTests", dependencies: ["LookoutCurl", "TestSupport"],
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LookoutBybitTests",
            dependencies: ["LookoutBybit", "LookoutRateLimit", "LookoutCurl", "LookoutTesting", "BybitSimulator", "BybitSimulatorHTTP", "TestSupport", "SimulatorTestSupport"],
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LookoutHTTPTests",
            // BybitSimulatorHTTP: its fault-injecting delivery strategy, driven over real sockets.
            dependencies: ["LookoutHTTP", "Lookout", "LookoutTesting", "BybitSimulatorHTTP"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // `lookout serve` end to end: its settings, the built binary, and a real Prometheus scraping it.
        .testTarget(
            name: "LookoutServeTests",
            dependencies: ["lookout", "LookoutHTTP", "Lookout", "TestSupport", "RedisTestSupport"],
            swiftSettings: swiftSettings
        ),
        // MARK: Klines API (lookout serve's /api/v1/klines against an in-process simulator)
        .testTarget(
            name: "LookoutKlinesTests",
            dependencies: ["lookout", "LookoutHTTP", "LookoutBybit", "BybitSimulator", "BybitSimulatorHTTP", "SimulatorTestSupport", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // MARK: Reliability: the fuzz targets' invariants (Fuzz/Checks, shared with Fuzz/Package.swift)
        // replayed over the committed corpora on every `swift test`.
        .testTarget(
            name: "FuzzCorpusTests",
            dependencies: ["lookout", "Lookout", "LookoutBybit", "LookoutCache", "LookoutCatalogGenerator", "TestSupport"],
            path: "Fuzz/Checks",
            swiftSettings: swiftSettings
        ),
    ]
)

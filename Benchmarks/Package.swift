// swift-tools-version:6.0
// Lookout's benchmarks: Lookout and its peers side by side in one process, so every ratio
// compares runs on the same machine at the same moment. Run with `make bench` (release).
import PackageDescription

let package = Package(
    name: "LookoutBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Lookout", path: ".."),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // The swift-metrics backend, against swift-prometheus' PrometheusMetricsFactory.
        .package(name: "LookoutMetrics", path: "../Integrations/LookoutMetrics"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
    ],
    targets: [
        // Counts malloc calls by interposing the allocator (for "allocations per operation").
        .target(name: "CMallocCounter"),
        .executableTarget(
            name: "lookout-benchmarks",
            dependencies: [
                "CMallocCounter",
                .product(name: "Lookout", package: "Lookout"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "LookoutMetrics", package: "LookoutMetrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                "SwiftMetricsFloor",
            ]
        ),
        // The least a swift-metrics backend can do per call, for the ceiling rows.
        .target(name: "SwiftMetricsFloor", dependencies: [.product(name: "CoreMetrics", package: "swift-metrics")]),
        // The Bybit client against the simulator (in-process, 50 ms latency), sequential vs
        // parallel, and page parsing.
        .executableTarget(
            name: "bybit-benchmark",
            dependencies: [
                .product(name: "LookoutBybit", package: "Lookout"),
                .product(name: "LookoutRateLimit", package: "Lookout"),
                .product(name: "BybitSimulator", package: "Lookout"),
                .product(name: "BybitSimulatorHTTP", package: "Lookout"),
                .product(name: "LookoutHTTP", package: "Lookout"),
            ]
        ),
        // Rate limiting: in-memory decision cost beside an exact log, Redis beside redis-benchmark.
        .executableTarget(
            name: "ratelimit-benchmark",
            dependencies: [.product(name: "LookoutRateLimit", package: "Lookout"), .product(name: "LookoutRedis", package: "Lookout"),
                           .product(name: "Lookout", package: "Lookout"), .product(name: "LookoutHTTP", package: "Lookout")]
        ),
        // MARK: Candle cache
        // Chunk size and encode/decode time vs JSON and zlib-JSON, memory and Redis hit
        // latency, and the upstream requests a scripted dashboard workload saves.
        .executableTarget(
            name: "cache-benchmark",
            dependencies: [
                .product(name: "LookoutCache", package: "Lookout"),
                .product(name: "LookoutRedis", package: "Lookout"),
                .product(name: "LookoutBybit", package: "Lookout"),
                .product(name: "LookoutZlib", package: "Lookout"),
                .product(name: "BybitSimulator", package: "Lookout"),
                .product(name: "BybitSimulatorHTTP", package: "Lookout"),
                .product(name: "LookoutHTTP", package: "Lookout"),
            ]
        ),
        // The HTTP benchmark's peer: Hummingbird 2 serving the same endpoints as `lookout serve`.
        .executableTarget(
            name: "hummingbird-server",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)

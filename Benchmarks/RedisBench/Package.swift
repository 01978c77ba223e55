// swift-tools-version:6.0
// LookoutRedis against redis-benchmark on the same redis-server in the same run. Its own
// package (no remote dependencies) so it builds without resolving the peers of ../Package.swift.
// Run with `make bench-redis` (release).
import PackageDescription

let package = Package(
    name: "LookoutRedisBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Lookout", path: "../..")],
    targets: [
        .executableTarget(
            name: "redis-client-benchmark",
            dependencies: [.product(name: "LookoutRedis", package: "Lookout"), .product(name: "Lookout", package: "Lookout")]
        ),
    ]
)

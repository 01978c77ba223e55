// swift-tools-version:6.0
// LookoutMetrics: a swift-metrics backend that records into a Lookout registry, so code
// that records through swift-metrics (Vapor, Hummingbird, AsyncHTTPClient, libraries)
// is exposed by Lookout unchanged. A package of its own: the root package keeps no
// package dependencies.
import PackageDescription

let package = Package(
    name: "LookoutMetrics",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LookoutMetrics", targets: ["LookoutMetrics"]),
    ],
    dependencies: [
        .package(name: "Lookout", path: "../.."),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        // Tests only: a Hummingbird 2 app recording through its metrics middleware.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        .target(
            name: "LookoutMetrics",
            dependencies: [
                .product(name: "Lookout", package: "Lookout"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "LookoutMetricsTests",
            dependencies: [
                "LookoutMetrics",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "LookoutTesting", package: "Lookout"),
            ]
        ),
        // Separate so the tests above do not depend on Hummingbird and SwiftNIO. The app is
        // served on a loopback port and scraped with URLSession (HummingbirdTesting would
        // add AsyncHTTPClient and BoringSSL to the build).
        .testTarget(
            name: "LookoutMetricsHummingbirdTests",
            dependencies: [
                "LookoutMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "LookoutTesting", package: "Lookout"),
            ]
        ),
        // The README's example: a program that bootstraps swift-metrics with Lookout.
        .executableTarget(
            name: "lookout-metrics-example",
            dependencies: [
                "LookoutMetrics",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Lookout", package: "Lookout"),
            ],
            path: "Examples"
        ),
    ]
)

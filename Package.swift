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
        .library(name: "LookoutCurl", targets: ["LookoutCurl"]),
        .library(name: "LookoutBybit", targets: ["LookoutBybit"]),
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
        .target(name: "LookoutZlib", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(name: "Lookout", dependencies: ["LookoutZlib"], swiftSettings: swiftSettings),

        // MARK: Bybit market data over libcurl
        .target(name: "LookoutCurl", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        .target(name: "LookoutBybit", dependencies: ["LookoutCurl"], swiftSettings: swiftSettings),

        // MARK: Tests
        .testTarget(name: "LookoutTests", dependencies: ["Lookout"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LookoutCurlTests", dependencies: ["LookoutCurl"],
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LookoutBybitTests", dependencies: ["LookoutBybit", "LookoutCurl"],
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
    ]
)

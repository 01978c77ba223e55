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
        .library(name: "LookoutHTTP", targets: ["LookoutHTTP"]),
    ],
    targets: [
        // MARK: System libraries (one Swift importer each)
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: Core
        .target(name: "LookoutZlib", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(name: "Lookout", dependencies: ["LookoutZlib"], swiftSettings: swiftSettings),
        // HTTP/1.1 server, router and middleware on POSIX sockets; independent of the core.
        // CLookoutHTTP exposes the Linux APIs (epoll, eventfd, accept4) Glibc's module lacks.
        .systemLibrary(name: "CLookoutHTTP"),
        .target(name: "LookoutHTTP", dependencies: ["CLookoutHTTP"], swiftSettings: swiftSettings),

        // MARK: Tests
        .testTarget(name: "LookoutTests", dependencies: ["Lookout"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LookoutHTTPTests",
            dependencies: ["LookoutHTTP"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)

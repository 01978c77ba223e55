// swift-tools-version:6.0
// Lookout's libFuzzer targets (besides the HTTP parser's, see scripts/fuzz-http-parser).
// Built only by scripts/fuzz, in release with -sanitize=fuzzer,address -enable-testing:
// libFuzzer supplies `main`, so a plain `swift build` of this package does not link.
import PackageDescription

let package = Package(
    name: "LookoutFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Lookout", path: "..")],
    targets: [
        // One binary for every target (LOOKOUT_FUZZ_TARGET picks one). Checks/ holds the
        // invariants, shared with the root package's FuzzCorpusTests; lookout/ links to
        // Sources/lookout (without its main.swift), so the serve config parser is fuzzed as
        // the executable compiles it.
        .executableTarget(
            name: "LookoutFuzz",
            dependencies: [
                .product(name: "Lookout", package: "Lookout"),
                .product(name: "LookoutHTTP", package: "Lookout"),
                .product(name: "LookoutBybit", package: "Lookout"),
                .product(name: "LookoutRateLimit", package: "Lookout"),
                .product(name: "LookoutRedis", package: "Lookout"),
                .product(name: "LookoutCache", package: "Lookout"),
                .product(name: "LookoutCatalogGenerator", package: "Lookout"),
            ],
            path: "Entry",
            exclude: ["lookout/main.swift", "Checks/FuzzCorpusReplayTests.swift"]
        ),
    ]
)

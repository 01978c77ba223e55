// swift-tools-version:6.0
// A consumer of Lookout: a small "checkout" service module that declares its metrics, an
// SLO and alerts once (Sources/Checkout/CheckoutMetrics.swift), uses them live
// (checkout-demo), and generates its own dashboards and alerts with Lookout's plugins:
//
//   swift package --allow-writing-to-package-directory generate-dashboards
//   swift package --allow-writing-to-package-directory generate-alerts
//
// The plugins find the executable product whose name ends in `-catalog` (checkout-catalog).
import PackageDescription

let package = Package(
    name: "LookoutExamples",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "checkout-catalog", targets: ["checkout-catalog"]),
        .executable(name: "checkout-demo", targets: ["checkout-demo"]),
    ],
    dependencies: [
        // `name:` pins the identity: the checkout folder of Lookout may be called anything.
        .package(name: "Lookout", path: ".."),
    ],
    targets: [
        .target(name: "Checkout", dependencies: [
            .product(name: "Lookout", package: "Lookout"),
            .product(name: "LookoutCatalog", package: "Lookout"),
        ]),
        // Only the catalog executable links the generator; the Checkout module needs the declarations.
        .executableTarget(name: "checkout-catalog", dependencies: ["Checkout", .product(name: "LookoutCatalogGenerator", package: "Lookout")]),
        .executableTarget(name: "checkout-demo", dependencies: ["Checkout", .product(name: "Lookout", package: "Lookout")]),
    ]
)

// swift-tools-version: 6.0
import PackageDescription

// No package dependencies: the CLI's argument handling is small enough to write by hand,
// and every added package costs CI build minutes (see docs/DECISIONS.md).
let package = Package(
    name: "gzq",
    products: [
        .library(name: "GZQ", targets: ["GZQ"]),
        .executable(name: "gzq", targets: ["GZQTool"]),
    ],
    targets: [
        .target(
            name: "GZQ",
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(name: "GZQTool", dependencies: ["GZQ"]),
        .testTarget(name: "GZQTests", dependencies: ["GZQ"]),
    ],
    swiftLanguageModes: [.v5]
)

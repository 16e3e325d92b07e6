// swift-tools-version: 6.0
// Release timing of the PostgreSQL client (see Sources/pg_client/main.swift). A separate
// package, as Fuzz/ is, so the main package's build never includes it.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so the root package's identity is the
// checkout folder's name (`main`, `gzq`, …), as in Fuzz/Package.swift.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.lastPathComponent.lowercased()

let package = Package(
    name: "pg_client",
    dependencies: [.package(path: "../..")],
    targets: [.executableTarget(name: "pg_client", dependencies: [.product(name: "GZQ", package: root)])],
    swiftLanguageModes: [.v5]
)

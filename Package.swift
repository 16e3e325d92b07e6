// swift-tools-version: 6.0
import PackageDescription

// No package dependencies: the CLI's argument handling is small enough to write by hand,
// and every added package costs CI build minutes (see docs/DECISIONS.md).
let package = Package(
    name: "gzq",
    products: [
        .library(name: "GZQ", targets: ["GZQ"]),
        .executable(name: "gzq", targets: ["GZQTool"]),
        // The C API (libgzqc.so): a product name distinct from the `gzq` executable (docs/BUILDING.md §2.1).
        .library(name: "gzqc", type: .dynamic, targets: ["GZQC"]),
    ],
    targets: [
        .target(
            name: "GZQ",
            dependencies: ["CZlib", "CSQLite", "CPostgres"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // zlib for the .xlsx ZIP layer (docs/BUILDING.md §8.4): raw inflate/deflate and crc32.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The system SQLite for sqlite(path) (docs/BUILDING.md §8.2): about 5 s of clean build, against 34 s for GRDB.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // libpq for postgres(url) (docs/BUILDING.md, PostgreSQL): a system library, no Swift package.
        .systemLibrary(name: "CPostgres", providers: [.apt(["libpq-dev"])]),
        // GNU readline for the REPL (docs/BUILDING.md §1): only the executable links it (GPLv3),
        // never the library. No pkgConfig: Debian's readline.pc adds flags SwiftPM rejects.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .executableTarget(name: "GZQTool", dependencies: ["GZQ", "CReadline"]),
        // The C API over the Swift API; its header is hand-written (include/gzq.h, docs/BUILDING.md §2.2).
        .target(name: "GZQC", dependencies: ["GZQ"], exclude: ["include"]),
        // Samples/embed: the Swift host of the embedding samples (one small file).
        .executableTarget(name: "EmbedSwiftSample", dependencies: ["GZQ"], path: "Samples/embed/swift"),
        // reference/: the Python script and JSON behind NumericReferenceTests (read at run time).
        .testTarget(name: "GZQTests", dependencies: ["GZQ"], exclude: ["reference"]),
    ],
    swiftLanguageModes: [.v5]
)

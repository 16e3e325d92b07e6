// swift-tools-version: 6.0
// libFuzzer targets for gzq (docs/RELIABILITY.md). A separate package, so that the main
// package's `swift build`/`swift test` never try to link these main-less executables
// (docs/BUILDING.md §3.1). Build and run them with `make fuzz`; by hand:
//
//     swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
//         --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
//     SWIFT_BACKTRACE=enable=no .build-fuzz/release/FuzzParse -max_total_time=60 Fuzz/corpus/FuzzParse
//
// Pass the combined `-Xswiftc -sanitize=fuzzer,address` (two `--sanitize` flags would leave
// the code without coverage, docs/BUILDING.md §3.2) and keep `--sanitize=fuzzer` for the link.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, not its manifest, so the root package's
// identity is whatever the checkout folder is called (`main`, `gzq`, …); take it from the path.
// (Pitfall: that folder must not itself be called `Fuzz`/`fuzz`, docs/BUILDING.md §3.2 item 4.)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().standardized.lastPathComponent.lowercased()
let gzq = Target.Dependency.product(name: "GZQ", package: root)

let package = Package(
    name: "gzq-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzParse", dependencies: [gzq]),
        .executableTarget(name: "FuzzInterpreter", dependencies: [gzq]),
        .executableTarget(name: "FuzzCSV", dependencies: [gzq]),
        .executableTarget(name: "FuzzParity", dependencies: [gzq]),
        .executableTarget(name: "FuzzXLSX", dependencies: [gzq]),
    ],
    swiftLanguageModes: [.v5]
)

// swift-tools-version: 6.0
import PackageDescription

// libFuzzer target for the litmus parser, kept out of the root package so the normal
// `swift build` / `swift test` never see -sanitize=fuzzer. Built and run by scripts/fuzz-parser.
//
// A path dependency's identity is its directory's name, which depends on the checkout.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "litmus")

let package = Package(
    name: "LitmusFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzParser",
            dependencies: [.product(name: "LitmusCore", package: root)]
        ),
    ]
)

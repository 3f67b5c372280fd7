// swift-tools-version: 6.0
import PackageDescription

// Module graph and its rules: ARCHITECTURE.md (arrows point one way; nothing imports the CLI).
let package = Package(
    name: "litmus",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Barriers", targets: ["Barriers"]),
        // The parser and IR as a library: the fuzzer package (Fuzz/) links it.
        .library(name: "LitmusCore", targets: ["Litmus", "LitmusSyntax"]),
        .executable(name: "litmus", targets: ["LitmusCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The barrier library's C shim: inline asm only, underscored as swift-atomics' _AtomicsShims.
        .target(name: "_BarriersShims"),
        .target(name: "Barriers", dependencies: ["_BarriersShims"]),
        // Thread pinning syscalls: the harness's, not the barrier library's.
        .target(name: "_HarnessShims"),
        .target(name: "LitmusSyntax"),
        .target(name: "Litmus", dependencies: ["LitmusSyntax"]),
        // Optimised even in debug builds: `swift test` runs thousands of generated tests through
        // the model checker (ModelInvariantTests), about 8× faster so; stepping through Models
        // in a debugger needs this flag removed.
        .target(
            name: "Models", dependencies: ["Litmus"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "Harness", dependencies: ["Litmus", "Barriers", "_HarnessShims"]),
        .target(name: "Operational", dependencies: ["Litmus"]),
        .target(name: "CatModels", dependencies: ["Litmus", "LitmusSyntax", "Models"]),
        .target(name: "Advice", dependencies: ["Litmus", "LitmusSyntax", "Models"]),
        .target(name: "Reports", dependencies: ["Litmus", "Models", "Harness", "Operational", "Advice"]),
        .executableTarget(
            name: "LitmusCLI",
            dependencies: [
                "Litmus", "LitmusSyntax", "Models", "Harness", "Reports", "Operational", "Advice", "CatModels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BarriersTests",
            dependencies: ["Barriers", "_BarriersShims"],
            exclude: ["Fixtures"]  // C and Swift snippets the tests compile themselves
        ),
        .testTarget(name: "LitmusSyntaxTests", dependencies: ["LitmusSyntax"], exclude: ["Fixtures"]),
        .testTarget(name: "LitmusTests", dependencies: ["Litmus", "LitmusSyntax"], exclude: ["Fixtures"]),
        // Reports: the herd7 text the conformance tests compare with herd7's own output.
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Litmus", "Reports"], exclude: ["Fixtures"]),
        .testTarget(
            name: "OperationalTests", dependencies: ["Operational", "Models", "Litmus", "LitmusSyntax"], exclude: ["Fixtures"]),
        .testTarget(name: "CatModelsTests", dependencies: ["CatModels", "Models", "Litmus", "LitmusSyntax"], exclude: ["Fixtures"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Litmus", "Barriers"]),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "Litmus", "Models", "Harness", "Advice"], exclude: ["Fixtures"]),
        .testTarget(name: "AdviceTests", dependencies: ["Advice", "Litmus", "Models"], exclude: ["Fixtures"]),
        .testTarget(name: "LitmusCLITests", dependencies: ["LitmusCLI", "Harness", "Litmus"], exclude: ["Fixtures"]),
    ]
)

// swift-tools-version: 6.0
// Cost of each Barriers primitive, built in release by scripts/bench-barriers.
import PackageDescription

let package = Package(
    name: "BarrierBench",
    dependencies: [.package(name: "litmus", path: "../..")],
    targets: [
        .executableTarget(
            name: "BarrierBench",
            dependencies: [.product(name: "Barriers", package: "litmus")]
        ),
    ]
)

// swift-tools-version: 6.0
// A package outside litmus that uses its Barriers library, depending on it by path.
import PackageDescription

let package = Package(
    name: "BarrierClient",
    dependencies: [
        .package(name: "litmus", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "BarrierClient",
            dependencies: [.product(name: "Barriers", package: "litmus")]
        ),
    ]
)

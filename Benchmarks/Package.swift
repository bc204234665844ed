// swift-tools-version: 6.1
// Micro-benchmarks of stplan's hot paths with ordo-one/benchmark, in a package of their own so that stplan
// itself does not depend on it. Run from this folder: swift package benchmark (see README.md here).
// License: GPL-3.0-or-later.
import PackageDescription

let package = Package(
    name: "stplan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Only the malloc interposer trait: the default RuntimeInterposer trait pulls in a package this
        // project's package mirror does not carry.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // stplan itself, by path; named so that the product references do not depend on the clone's folder name.
        .package(name: "stplan", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortGenerator", package: "stplan"),
                .product(name: "STPlanKit", package: "stplan"),
            ],
            path: "HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

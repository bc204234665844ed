// swift-tools-version: 6.1
// ST-planeraren: plans Swedish medical specialist training (ST) for a cohort with MILP solved by GLPK.
// License: GPL-3.0-or-later (GLPK is GPL-3.0-or-later).
import PackageDescription

let package = Package(
    name: "stplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stplan", targets: ["stplan"]),
        .library(name: "LinearModel", targets: ["LinearModel"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "STPlanKit", targets: ["STCore", "ScenarioFormat", "Planning", "PlanCheck", "Reports", "Pipeline"]),
        // For the micro-benchmarks in Benchmarks/Package.swift, which depend on this package by path.
        .library(name: "CohortGenerator", targets: ["CohortGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The workbench's web server (issue 16). Its default traits pull swift-configuration in, which the
        // workbench does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
    ],
    targets: [
        // The only C boundary: GLPK's header. Debian ships no glpk.pc, so the module map links "glpk".
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // Solver-neutral linear model: variables, rows, objective, names, LP/MPS export.
        .target(name: "LinearModel"),
        // The GLPK solver backend: the only module that imports CGLPK.
        .target(name: "GLPKBackend", dependencies: ["CGLPK", "LinearModel"]),
        // Calendar, ST-time arithmetic and the plan file (plan.json) shared by every later tool.
        .target(name: "STCore"),
        // The YAML scenario format, its validation and diagnostics.
        .target(name: "ScenarioFormat", dependencies: ["STCore", .product(name: "Yams", package: "Yams")]),
        // The planning model (one constraint family per file), solving strategy and decoder into a Plan.
        .target(name: "Planning", dependencies: ["STCore", "ScenarioFormat", "LinearModel"]),
        // The independent plan checker: re-derives the rules from the scenario; shares no code with Planning.
        .target(name: "PlanCheck", dependencies: ["STCore", "ScenarioFormat"]),
        // Report writers: read a Plan, nothing else.
        .target(name: "Reports", dependencies: ["STCore"]),
        // The pipeline of typed stages (load → validate → plan → check → report, replan, what-if) that the command
        // line and the workbench both call; no argument parsing, no exit.
        .target(
            name: "Pipeline",
            dependencies: ["STCore", "ScenarioFormat", "Planning", "PlanCheck", "Reports", "LinearModel", "GLPKBackend"]
        ),
        // The workbench (`stplan serve`): a local web app over a folder of scenarios and their plans; routes and
        // pages only. It validates with the scenario format and plans, replans and checks by running `stplan`
        // itself (the same pipeline, a process per run, so that a crash ends the run and not the server).
        .target(
            name: "Workbench",
            dependencies: [
                "STCore", "ScenarioFormat", "Planning",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The command-line interface: argument parsing and exit codes over the pipeline, as a library, so that
        // tests can drive it without a subprocess.
        .target(
            name: "STPlanCLI",
            dependencies: [
                "Pipeline", "Workbench", "STCore", "Planning", "Reports", "LinearModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "stplan", dependencies: ["STPlanCLI"]),
        // Benchmarks: a seeded cohort generator and the benchmark runner (Benchmarks/README.md).
        .target(
            name: "CohortGenerator",
            dependencies: ["Planning", "STCore", "ScenarioFormat", "PlanCheck", "Reports", "GLPKBackend"],
            path: "Benchmarks/CohortGenerator"
        ),
        .executableTarget(
            name: "stplan-bench",
            dependencies: ["CohortGenerator", "Planning", "PlanCheck", "ScenarioFormat", "STCore", "GLPKBackend", "LinearModel", "Pipeline"],
            path: "Benchmarks/stplan-bench"
        ),
        .testTarget(name: "LinearModelTests", dependencies: ["LinearModel"]),
        .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "LinearModel"]),
        .testTarget(name: "STCoreTests", dependencies: ["STCore"]),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat", "STCore"]),
        .testTarget(
            name: "PlanningTests",
            dependencies: ["Planning", "PlanCheck", "ScenarioFormat", "STCore", "LinearModel", "GLPKBackend", "CohortGenerator"]
        ),
        .testTarget(name: "PlanCheckTests", dependencies: ["PlanCheck", "Planning", "GLPKBackend", "ScenarioFormat", "STCore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "STCore"], exclude: ["Golden"]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: [
                "Workbench",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Pipeline", "PlanCheck", "Reports", "ScenarioFormat", "STCore", "LinearModel", "GLPKBackend", "CohortGenerator", "Planning"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

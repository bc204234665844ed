// The hot paths outside the solver, on an 80-trainee generated cohort (seed 1): reading the scenario, building
// the full model, decoding a solution into a plan, checking it and writing every report. The inputs are
// prepared once by CohortGenerator's HotPaths, which `stplan-bench hotpaths` times the same way.
import Benchmark
import CohortGenerator
import Planning

let benchmarks: @Sendable () -> Void = {
    let trainees = 80
    let paths: HotPaths
    do { paths = try HotPaths(trainees: trainees) } catch { fatalError("cannot prepare the hot paths: \(error)") }
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    Benchmark("parse scenario, \(trainees) trainees") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try paths.parse()) }
    }
    Benchmark("build model, \(trainees) trainees") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try HotPaths.buildModel(paths.scenario)) }
    }
    Benchmark("decode solution, \(trainees) trainees") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(HotPaths.decode(paths.model, values: paths.values)) }
    }
    Benchmark("check plan, \(trainees) trainees") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try paths.check()) }
    }
    Benchmark("write reports, \(trainees) trainees") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(paths.reports()) }
    }
}

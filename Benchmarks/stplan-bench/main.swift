// stplan-bench: generates cohorts and measures the planner on them (see Benchmarks/README.md).
//
//   stplan-bench generate --trainees 40 [--seed 1]           print a scenario
//   stplan-bench run --trainees 40 [--runs 3] [--time-limit 60] [--seed 1]
//   stplan-bench replan [--trainees 20] [--runs 3] [--time-limit 10] [--seed 3]
//   stplan-bench measure --scenario FILE [--time-limit 60]  one run, one line of JSON (for run-suite.py)
//   stplan-bench hotpaths --trainees 80 [--runs 5]          the hot paths' medians, one line of JSON (for run-suite.py)
//   stplan-bench alone [FILE ...] [--time-limit 10]            each programme's first trainee alone, solved by GLPK
//                 [--terms] [--dump DIR] [--export DIR] [--cuts] [--mfv]   the objective's terms in the LP and the best
//                 plan, both solutions by variable name, the model as MPS; every cut family, most-fractional branching
//   stplan-bench bound FILE [--time-limit 30] [--lp]           the decomposition bound's rounds from the greedy plan
//   stplan-bench sweep --out DIR [--region 10] [--intakes 4,6,8,10,12,14,16] [--seed 1]
//                                                           write the what-if sweep's region and variants (for run-suite.py)
//
// `run` plans the generated cohort `runs` times with the real GLPK, checks each plan with the independent checker,
// and prints per-run figures and the medians. `replan` plans a cohort without staffing pressure, gives one trainee
// 9 months of parental leave announced 3 months ahead, and runs `stplan replan` on it (in-process, reports
// included) for each stability, timing the whole command and counting the other trainees it changed.
import CohortGenerator
import Foundation
import GLPKBackend
import LinearModel
import PlanCheck
import Planning
import ScenarioFormat
import STCore
import Pipeline

func arg(_ name: String, _ fallback: String) -> String {
    let a = CommandLine.arguments
    if let i = a.firstIndex(of: name), i + 1 < a.count { return a[i + 1] }
    return fallback
}
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}
func f(_ v: Double?, _ digits: Int = 2) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "-" }

let command = CommandLine.arguments.dropFirst().first ?? "help"
let n = Int(arg("--trainees", "40")) ?? 40
let seed = UInt64(arg("--seed", "1")) ?? 1
switch command {
case "generate":
    print(CohortGenerator.yaml(trainees: n, seed: seed, staffing: !CommandLine.arguments.contains("--no-staffing")), terminator: "")
case "run":
    let runs = Int(arg("--runs", "3")) ?? 3
    let limit = Double(arg("--time-limit", "60")) ?? 60
    let text = CohortGenerator.yaml(trainees: n, seed: seed)
    let scenario: Scenario
    do { scenario = try ScenarioLoader.parse(data: Data(text.utf8), file: "generated-\(n).yaml").0 } catch {
        print("generated scenario is invalid: \(error)")
        exit(1)
    }
    print("cohort: \(n) trainees, \(scenario.calendar.weeks) weeks, \(scenario.units.count) units, \(scenario.courses.count) courses, seed \(seed), --time-limit \(f(limit, 0)) s")
    var walls: [Double] = [], objectives: [Double] = [], gaps: [Double] = [], firsts: [Double] = []
    var allValid = true
    for run in 1...runs {
        let clock = ContinuousClock()
        let t0 = clock.now
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, options: PlannerOptions(timeLimit: limit))
        let wall = (clock.now - t0).inSeconds
        guard let plan = outcome.plan else {
            print("run \(run): no plan (\(outcome.status.rawValue)) after \(f(wall)) s")
            allValid = false
            continue
        }
        let report = PlanChecker.check(plan, against: scenario)
        allValid = allValid && report.passed
        walls.append(wall)
        objectives.append(outcome.objective ?? .nan)
        if let g = outcome.gap { gaps.append(g) }
        if let c = outcome.firstPlanSeconds { firsts.append(c) }
        print("run \(run): wall \(f(wall)) s, first valid plan at \(f(outcome.firstPlanSeconds)) s, objective \(f(outcome.objective, 1)) (constructed \(f(outcome.constructedObjective, 1))), bound \(f(outcome.bound, 1)), gap \(f(outcome.gap.map { $0 * 100 })) %, sub-problems \(outcome.subproblems) (\(outcome.improvements) improved), checker: \(report.passed ? "valid" : "\(report.violations.count) broken")")
        print("       model \(outcome.rows) rows, \(outcome.columns) columns, \(outcome.nonZeros) non-zeros")
    }
    print("median of \(runs): wall \(f(median(walls))) s (limit \(f(limit, 0)) s, ratio \(f(median(walls) / limit))), first valid plan \(f(median(firsts))) s, objective \(f(median(objectives), 1)), gap \(f(median(gaps) * 100)) %, all plans valid: \(allValid)")
    exit(allValid ? 0 : 1)
case "measure":
    // One planning run in a fresh process, so that the peak memory (ru_maxrss) is this run's alone.
    let path = arg("--scenario", "")
    let limit = Double(arg("--time-limit", "60")) ?? 60
    let scenario: Scenario
    do { scenario = try ScenarioLoader.load(path: path).0 } catch {
        print("cannot load \(path): \(error)")
        exit(1)
    }
    let clock = ContinuousClock()
    let t0 = clock.now
    let outcome = try Planner(solver: GLPKSolver()).plan(scenario, options: PlannerOptions(timeLimit: limit))
    let wall = (clock.now - t0).inSeconds
    var checkSeconds: Double?
    var valid = false
    if let plan = outcome.plan {
        let c0 = clock.now
        valid = PlanChecker.check(plan, against: scenario).passed
        checkSeconds = (clock.now - c0).inSeconds
    }
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func j(_ v: Double?) -> String { v.map { $0.isFinite ? JSONValue.format($0) : "null" } ?? "null" }
    var fields = [
        "\"trainees\": \(scenario.trainees.count)", "\"rows\": \(outcome.rows)", "\"columns\": \(outcome.columns)", "\"nonZeros\": \(outcome.nonZeros)",
        "\"modelSeconds\": \(j(outcome.modelSeconds))", "\"firstPlanSeconds\": \(j(outcome.firstPlanSeconds))",
        "\"status\": \"\(outcome.status.rawValue)\"", "\"objective\": \(j(outcome.objective))", "\"bound\": \(j(outcome.bound))", "\"gap\": \(j(outcome.gap))",
        "\"wall\": \(j(wall))", "\"valid\": \(valid)", "\"checkSeconds\": \(j(checkSeconds))", "\"peakMemoryMB\": \(j(Double(usage.ru_maxrss) / 1024))",
        "\"subproblems\": \(outcome.subproblems)", "\"improvements\": \(outcome.improvements)",
    ]
    for t in [10.0, 30, 60, 120, 300] where t <= limit { fields.append("\"objectiveAt\(Int(t))\": \(j(outcome.objective(at: t)))") }
    fields.append("\"progress\": [" + outcome.progress.map { "[\(j($0.seconds)), \(j($0.objective))]" }.joined(separator: ", ") + "]")
    print("{" + fields.joined(separator: ", ") + "}")
    exit(outcome.plan == nil || valid ? 0 : 1)
case "sweep":
    let dir = arg("--out", "")
    guard !dir.isEmpty else {
        print("sweep needs --out DIR, the folder to write region.yaml and the variants into")
        exit(2)
    }
    let region = Int(arg("--region", "10")) ?? 10
    let intakes = arg("--intakes", "4,6,8,10,12,14,16").split(separator: ",").compactMap { Int($0) }
    guard !intakes.isEmpty, intakes.allSatisfy({ $0 > 0 }), region > 0 else {
        print("--intakes wants whole numbers above 0 separated by commas (e.g. 4,6,8) and --region a whole number above 0")
        exit(2)
    }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in CohortGenerator.intakeSweep(region: region, intakes: intakes, seed: seed) {
        try f.text.write(toFile: dir + "/" + f.file, atomically: true, encoding: .utf8)
        print(dir + "/" + f.file)
    }
case "alone":
    // Issue 14, item 3: one trainee alone against the programme, the calendar and the units, solved by GLPK on the
    // full model to a 0.1 % gap from the greedy start. One line of JSON per programme (its first trainee) of each
    // scenario given, or of every scenario in Scenarios/.
    let limit = Double(arg("--time-limit", "10")) ?? 10
    // How the week rows sum the blocks: occupancy (the full model's), split (the sub-problems') or direct.
    let sums = arg("--week-sums", "occupancy")
    let weekSums: WeekSums = sums == "direct" ? .direct : sums == "split" ? .splitRotations : .occupancy
    var files = Array(CommandLine.arguments.dropFirst(2).filter { $0.hasSuffix(".yaml") })
    if files.isEmpty {
        files = ((try? FileManager.default.contentsOfDirectory(atPath: "Scenarios")) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/" + $0 }
    }
    func j(_ v: Double?) -> String { v.map { $0.isFinite ? JSONValue.format($0) : "null" } ?? "null" }
    for path in files {
        guard let (full, _) = try? ScenarioLoader.load(path: path) else { print("{\"scenario\": \"\(path)\", \"error\": \"cannot load\"}"); continue }
        for program in full.programs {
            guard let trainee = full.trainees.first(where: { $0.program == program.id }) else { continue }
            var s = full
            s.trainees = [trainee]
            let clock = ContinuousClock()
            let t0 = clock.now
            let context = PlanningContext(scenario: s)
            let model = try PlanningModel(context: context, weekSums: weekSums)
            let build = (clock.now - t0).inSeconds
            let greedy = Planner.greedy(context)
            var options = SolverOptions(timeLimit: limit, relativeGap: 0.001)
            options.startSolution = greedy.flatMap { model.values(for: $0) }
            if CommandLine.arguments.contains("--cuts") { options.cuts = .all }
            if CommandLine.arguments.contains("--mfv") { options.branching = .mostFractional }
            let r = try GLPKSolver().solve(model.model, options: options)
            let exportDir = arg("--export", ""), dumpDir = arg("--dump", "")
            if !exportDir.isEmpty {
                try ModelExport.mps(model.model).write(toFile: "\(exportDir)/\(program.id)-\(trainee.id).mps", atomically: true, encoding: .utf8)
            }
            if CommandLine.arguments.contains("--terms") || !dumpDir.isEmpty {
                // The objective's terms in the LP relaxation and in the best solution: where the bound is weak.
                var lo = SolverOptions(timeLimit: limit)
                lo.relaxIntegrality = true
                let lp = try GLPKSolver().solve(model.model, options: lo)
                func show(_ name: String, _ v: [Double]) {
                    guard !v.isEmpty else { print("  \(name): none"); return }
                    let tv = model.termValues(v)
                    print("  \(name): " + PlanningModel.termNames.map { "\($0) \(f(tv[$0] ?? 0, 1))" }.joined(separator: ", "))
                }
                show("lp \(lp.status.rawValue) in \(f(lp.seconds)) s", lp.values)
                show("best", r.values)
                if !dumpDir.isEmpty {
                    for (name, v) in [("lp", lp.values), ("best", r.values)] where !v.isEmpty {
                        let text = zip(model.model.variables, v).map { "\($0.name) \($1)" }.joined(separator: "\n")
                        try text.write(toFile: "\(dumpDir)/\(program.id)-\(name).txt", atomically: true, encoding: .utf8)
                    }
                }
            }
            print("{\"scenario\": \"\(path)\", \"program\": \"\(program.id)\", \"trainee\": \"\(trainee.id)\", "
                  + "\"rows\": \(model.model.rows.count), \"columns\": \(model.model.variables.count), \"nonZeros\": \(model.model.nonZeroCount), "
                  + "\"buildSeconds\": \(j(build)), \"greedy\": \(j(greedy.map { context.objective($0) })), \"startAccepted\": \(options.startSolution != nil), \"status\": \"\(r.status.rawValue)\", "
                  + "\"objective\": \(j(r.objective)), \"bound\": \(j(r.bound)), \"gap\": \(j(r.gap)), \"seconds\": \(j(r.seconds))}")
        }
    }
case "bound":
    // Issue 14, item 4: the decomposition bound beside the aggregate one, from the greedy plan, one line per round.
    let limit = Double(arg("--time-limit", "30")) ?? 30
    let sums = arg("--week-sums", "split")
    let weekSums: WeekSums = sums == "direct" ? .direct : sums == "occupancy" ? .occupancy : .splitRotations
    guard let path = CommandLine.arguments.dropFirst(2).first(where: { $0.hasSuffix(".yaml") }),
          let (scenario, _) = try? ScenarioLoader.load(path: path) else { print("usage: stplan-bench bound FILE.yaml [--time-limit 30]"); exit(2) }
    let context = PlanningContext(scenario: scenario)
    let clock = ContinuousClock()
    let t0 = clock.now
    guard let greedy = Planner.greedy(context) else { print("the greedy construction found no plan"); exit(2) }
    let upper = context.objective(greedy)
    print("greedy \(f(upper, 1)) in \(f((clock.now - t0).inSeconds)) s; aggregate bound \(f(context.aggregateBound(), 1))")
    let t1 = clock.now
    if CommandLine.arguments.contains("--lp"), let full = try? PlanningModel(context: context) {
        var o = SolverOptions(timeLimit: limit)
        o.relaxIntegrality = true
        let r = try GLPKSolver().solve(full.model, options: o)
        print("LP relaxation of the full model: \(r.status.rawValue) \(f(r.objective, 1)) in \(f(r.seconds)) s")
    }
    let out = try DecompositionBound.run(context, solver: GLPKSolver(), incumbent: greedy, upper: upper,
                                         budget: TimeBudget(seconds: limit), weekSums: weekSums)
    for h in out.history { print("  round at \(f(h.seconds)) s: bound \(f(h.bound, 1))") }
    print("decomposition bound \(f(out.bound, 1)), \(out.rounds) rounds, \(f((clock.now - t1).inSeconds)) s")
case "hotpaths":
    // Times the hot paths outside the solver (Benchmarks/CohortGenerator/HotPaths.swift) `runs` times each, in the
    // order stplan runs them, and prints the median and the range of each in seconds.
    let runs = Int(arg("--runs", "5")) ?? 5
    let paths = try HotPaths(trainees: n, seed: seed)
    // `stplan check` as the command runs it: reading plan.json and the scenario from disk, then checking.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-bench-hotpaths-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try paths.text.write(toFile: dir + "/cohort.yaml", atomically: true, encoding: .utf8)
    try PlanFile.encode(paths.plan).write(toFile: dir + "/plan.json", atomically: true, encoding: .utf8)
    var seconds: [String: [Double]] = [:]
    let clock = ContinuousClock()
    func time(_ name: String, _ body: () throws -> Void) rethrows {
        let t0 = clock.now
        try body()
        seconds[name, default: []].append((clock.now - t0).inSeconds)
    }
    for _ in 1...runs {
        // Each result is kept past its timing, so that freeing it is not counted.
        var parsed: Scenario?, built: PlanningModel?, decoded: Plan?, checked: CheckReport?, written: [(path: String, text: String)]?
        var encoded: String?
        try time("parse") { parsed = try paths.parse() }
        try time("build") { built = try HotPaths.buildModel(paths.scenario) }
        time("decode") { decoded = HotPaths.decode(paths.model, values: paths.values) }
        try time("check") { checked = try paths.check() }
        time("encode") { encoded = PlanFile.encode(paths.plan) }
        time("reports") { written = paths.reports() }
        withExtendedLifetime((parsed, built, decoded, checked, written, encoded)) {}
        var status = ExitStatus.ok
        time("checkCommand") { status = Workflows.check(planPath: dir + "/plan.json", scenarioPath: dir + "/cohort.yaml").status }
        guard status == .ok else {
            print("stplan check rejects the benchmark's plan")
            exit(1)
        }
    }
    let names = ["parse", "build", "decode", "check", "checkCommand", "encode", "reports"]
    func j(_ v: Double) -> String { JSONValue.format(v) }
    var fields = ["\"trainees\": \(n)", "\"runs\": \(runs)", "\"rows\": \(paths.model.model.rows.count)", "\"columns\": \(paths.model.model.variables.count)"]
    for name in names {
        let xs = seconds[name] ?? []
        fields.append("\"\(name)\": {\"median\": \(j(median(xs))), \"min\": \(j(xs.min() ?? .nan)), \"max\": \(j(xs.max() ?? .nan))}")
    }
    print("{" + fields.joined(separator: ", ") + "}")
case "replan":
    let trainees = Int(arg("--trainees", "20")) ?? 20
    let runs = Int(arg("--runs", "3")) ?? 3
    let limit = Double(arg("--time-limit", "10")) ?? 10
    let cohortSeed = UInt64(arg("--seed", "3")) ?? 3
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-bench-replan-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try CohortGenerator.yaml(trainees: trainees, seed: cohortSeed, staffing: false).write(toFile: dir + "/cohort.yaml", atomically: true, encoding: .utf8)
    let base = Workflows.plan(path: dir + "/cohort.yaml", out: dir + "/base", timeLimit: 2 * limit, gap: 0, verbose: false, english: false, reports: [])
    guard base.status == .ok, let old = try? PlanFile.read(path: dir + "/base/plan.json"),
          let variant = CohortGenerator.parentalLeaveVariant(old, base: "cohort.yaml") else {
        print("the base plan failed: \(base.stderr)")
        exit(1)
    }
    try variant.yaml.write(toFile: dir + "/leave.yaml", atomically: true, encoding: .utf8)
    print("cohort: \(trainees) trainees (seed \(cohortSeed), no staffing pressure), base planned in \(f(2 * limit, 0)) s; \(variant.trainee) takes parental leave 2029-06-04 to 2030-03-03, replanned from 2029-03-05 with --time-limit \(f(limit, 0)) s")
    var ok = true
    for stability in [Stability.strict, .balanced] {
        var walls: [Double] = []
        for run in 1...runs {
            let out = dir + "/replan-\(stability.rawValue)-\(run)"
            let clock = ContinuousClock()
            let t0 = clock.now
            let r = Workflows.replan(planPath: dir + "/base/plan.json", scenarioPath: dir + "/leave.yaml", today: nil, out: out,
                                     timeLimit: limit, stability: stability, english: false)
            let wall = (clock.now - t0).inSeconds
            guard r.status == .ok, let new = try? PlanFile.read(path: out + "/plan.json") else {
                print("\(stability.rawValue) run \(run): no plan after \(f(wall)) s: \(r.stderr)")
                ok = false
                continue
            }
            let check = Workflows.check(planPath: out + "/plan.json", scenarioPath: dir + "/leave.yaml")
            let diff = PlanDiff.compare(old, new)
            let others = diff.trainees.map(\.id).filter { $0 != variant.trainee }
            ok = ok && check.status == .ok
            walls.append(wall)
            print("\(stability.rawValue) run \(run): wall \(f(wall)) s (ratio \(f(wall / limit))), replan \(f(new.solve.seconds)) s, "
                  + "\(diff.changedWeeks) trainee-weeks and \(diff.movedBlocks) blocks changed, other trainees changed: \(others.isEmpty ? "none" : others.joined(separator: ",")), "
                  + "checker: \(check.status == .ok ? "valid" : "broken")")
        }
        print("\(stability.rawValue): median wall of \(runs) runs \(f(median(walls))) s (limit \(f(limit, 0)) s, ratio \(f(median(walls) / limit)))")
    }
    exit(ok ? 0 : 1)
default:
    print("usage: stplan-bench bound FILE.yaml [--time-limit 30] [--lp] | generate --trainees N [--seed S] | run --trainees N [--runs 3] [--time-limit 60] [--seed S] | replan [--trainees 20] [--runs 3] [--time-limit 10] [--seed 3] | measure --scenario FILE [--time-limit 60] | hotpaths --trainees N [--runs 5] [--seed S] | alone [FILE ...] [--time-limit 10] | sweep --out DIR [--region 10] [--intakes 4,6,8] [--seed S]")
}

// stplan-bench: generates cohorts and measures the planner on them (see Benchmarks/README.md).
//
//   stplan-bench generate --trainees 40 [--seed 1]           print a scenario
//   stplan-bench run --trainees 40 [--runs 3] [--time-limit 60] [--seed 1]
//
// `run` plans the generated cohort `runs` times with the real GLPK, checks each plan with the independent checker,
// and prints per-run figures and the medians.
import CohortGenerator
import Foundation
import GLPKBackend
import PlanCheck
import Planning
import ScenarioFormat
import STCore

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
    print(CohortGenerator.yaml(trainees: n, seed: seed), terminator: "")
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
default:
    print("usage: stplan-bench generate --trainees N [--seed S] | run --trainees N [--runs 3] [--time-limit 60] [--seed S]")
}

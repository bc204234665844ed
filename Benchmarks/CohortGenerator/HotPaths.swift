import Foundation
import GLPKBackend
import PlanCheck
import Planning
import Reports
import ScenarioFormat
import STCore

/// The inputs of stplan's hot paths for one generated cohort, prepared once, so that `stplan-bench hotpaths`
/// and the micro-benchmarks in `Benchmarks/Package.swift` time the same calls on the same data.
///
/// The plan is the planner's after a short search (10 s, a quarter second per trainee past 40), with its calendar; the
/// value vector is what a GLPK solve of the full model returns for that plan.
public struct HotPaths: Sendable {
    /// The generated cohort's YAML text.
    public let text: String
    /// The parsed scenario.
    public let scenario: Scenario
    /// The full model of the whole cohort.
    public let model: PlanningModel
    /// The full model's column values for that plan.
    public let values: [Double]
    /// The decoded plan with its calendar (supervision meetings, self-study, events).
    public let plan: Plan

    /// Generates a cohort of `trainees` trainees with `seed` and prepares each hot path's input.
    public init(trainees: Int, seed: UInt64 = 1) throws {
        text = CohortGenerator.yaml(trainees: trainees, seed: seed)
        scenario = try ScenarioLoader.parse(data: Data(text.utf8), file: "generated-\(trainees).yaml").0
        model = try HotPaths.buildModel(scenario)
        let limit = max(10, Double(trainees) / 4)
        let outcome = try Planner(solver: GLPKSolver()).plan(scenario, options: PlannerOptions(timeLimit: limit))
        guard let a = outcome.assignment, let p = outcome.plan else {
            throw PlanningError("the planner found no plan for the generated \(trainees)-trainee cohort (seed \(seed)) in \(Int(limit)) s: \(outcome.reasons.joined(separator: "; "))")
        }
        guard let v = model.values(for: a) else {
            throw PlanningError("the planner's plan breaks a row of the full model of the \(trainees)-trainee cohort; the model and the planner disagree")
        }
        values = v
        plan = p
    }

    /// Hot path 1: reading the scenario's YAML text.
    public func parse() throws -> Scenario {
        try ScenarioLoader.parse(data: Data(text.utf8), file: "generated.yaml").0
    }

    /// Hot path 2: the planning context and the full model, as `stplan plan` builds them before solving.
    public static func buildModel(_ scenario: Scenario) throws -> PlanningModel {
        try PlanningModel(context: PlanningContext(scenario: scenario))
    }

    /// Hot path 3: a solver's value vector read back into choices and decoded into a `Plan` (before its calendar).
    public static func decode(_ model: PlanningModel, values: [Double]) -> Plan {
        let context = model.context
        let a = model.assignment(from: values, base: Assignment(empty: context))
        let info = Plan.SolveInfo(status: "feasible", objective: nil, bound: nil, gap: nil, seconds: 0, terms: context.terms(a))
        return Decoder.plan(context, a, solve: info)
    }

    /// Hot path 4: the independent checker on the plan; throws when the plan it is given breaks a rule.
    public func check() throws -> CheckReport {
        let report = PlanChecker.check(plan, against: scenario)
        guard report.passed else {
            throw PlanningError("the checker finds \(report.violations.count) broken rules in the benchmark's plan, first: \(report.violations[0])")
        }
        return report
    }

    /// Hot path 5: every report format's text, in Swedish, in memory (no disk).
    public func reports() -> [(path: String, text: String)] {
        ReportWriter.files(plan, formats: ReportFormat.allCases, today: scenario.calendar.start, language: ReportLanguage())
    }
}

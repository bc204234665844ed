import LinearModel
import ScenarioFormat
import STCore

/// What the planner may spend.
public struct PlannerOptions: Sendable {
    /// Seconds for the whole solve.
    public var timeLimit: Double = 60
    /// Relative MIP gap at which to stop (0.0 proves optimality).
    public var relativeGap: Double = 0.0
    /// Offer the greedy start solution to the solver.
    public var useStartSolution = true
    public init(timeLimit: Double = 60, relativeGap: Double = 0.0) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
    }
}

/// The outcome of planning: a plan when one was found, and always the solver's account.
public struct PlanningOutcome: Sendable {
    public var plan: Plan?
    public var result: SolveResult
    /// Why there is no plan, in the scenario's terms.
    public var reasons: [String]
    /// The model's size.
    public var rows: Int, columns: Int, nonZeros: Int
    /// Seconds spent building the model.
    public var buildSeconds: Double
}

/// Builds the model for a scenario, solves it with the given backend, and decodes the plan.
public struct Planner: Sendable {
    public let solver: any MILPSolver
    public init(solver: any MILPSolver) { self.solver = solver }

    /// Plans `scenario`.
    public func plan(_ scenario: Scenario, options: PlannerOptions = PlannerOptions()) throws -> PlanningOutcome {
        let clock = ContinuousClock()
        let t0 = clock.now
        let context = PlanningContext(scenario: scenario)
        let pm = try PlanningModel(context: context)
        let buildSeconds = (clock.now - t0).inSeconds
        let reasons = Self.precheck(context)
        var opts = SolverOptions(timeLimit: max(0.5, options.timeLimit - buildSeconds), relativeGap: options.relativeGap)
        if options.useStartSolution, reasons.isEmpty, let start = StartHeuristic.build(pm) { opts.startSolution = start }
        let result = try solver.solve(pm.model, options: opts)
        var plan: Plan?
        if result.status.hasSolution {
            let info = Plan.SolveInfo(status: result.status.rawValue, objective: result.objective, bound: result.bound, gap: result.gap,
                                      seconds: result.seconds + buildSeconds, terms: pm.termValues(result.values))
            plan = Decoder.plan(pm, values: result.values, solve: info)
        }
        return PlanningOutcome(plan: plan, result: result, reasons: result.status.hasSolution ? [] : reasons,
                               rows: pm.model.rows.count, columns: pm.model.variables.count, nonZeros: pm.model.nonZeroCount,
                               buildSeconds: buildSeconds)
    }

    /// Builds the model only (for export).
    public func model(_ scenario: Scenario) throws -> LinearModel {
        try PlanningModel(context: PlanningContext(scenario: scenario)).model
    }

    /// Reasons found before solving: rotations that have no possible block at all.
    static func precheck(_ ctx: PlanningContext) -> [String] {
        var out: [String] = []
        for (t, tc) in ctx.trainees.enumerated() {
            for (r, rot) in tc.rotations.enumerated() where ctx.candidates[t][r].isEmpty {
                var why = "\(tc.spec.id): rotation \(rot.id) (\(rot.minWeeks == rot.maxWeeks ? "\(rot.minWeeks)" : "\(rot.minWeeks)–\(rot.maxWeeks)") weeks at \(rot.units.joined(separator: " or ")))"
                why += " fits nowhere in the ST: check programs[].rotations[].before_month/after_month, the units' closed periods and start_windows, and the trainee's leave"
                out.append(why)
            }
        }
        return out
    }
}

import LinearModel
import ScenarioFormat
import STCore

/// What the planner may spend.
public struct PlannerOptions: Sendable {
    /// Seconds for the whole run (model building, construction, improvement and bound).
    public var timeLimit: Double = 60
    /// Relative gap at which to stop improving (0.0 runs until the time limit or a proof of optimality).
    public var relativeGap: Double = 0.0
    /// Seed of the improvement loop's choice of sub-problems.
    public var seed: UInt64 = 1
    /// Prices every trainee alone beside the improvement for a bound stronger than the staffing arithmetic
    /// (``DecompositionBound``); off, the printed gap is against the aggregate bound (or the LP, when small).
    public var decompositionBound = true
    /// Trainees (by id) that the construction places with GLPK instead of the greedy rule: the path a trainee
    /// takes when the greedy rule finds no place, chosen on purpose (to test it, or to compare the two).
    public var placedByGLPK: Set<String> = []
    /// When requested (Ctrl-C, a cancel button), the planner stops searching: it finishes the construction if it
    /// has no plan yet, skips the bound and the improvement, and returns the best plan found so far.
    public var stop: StopSignal?
    /// Updated as the run goes (phase, trainees placed, objective, bound), for a progress display.
    public var progress: PlanningProgress?
    /// Seconds the caller needs after the planner returns, inside the same time limit (writing plan.json and the
    /// reports): the planner ends that much earlier, but never before half the limit.
    public var outputReserve: Double = 0
    /// A plan to start from (a what-if's base plan): read as this scenario's candidates, it replaces the
    /// construction's plan when it keeps every rule here and costs less, so the search can only improve on it.
    public var start: Plan?
    /// The memory the run may take: a cohort whose model is estimated above it is refused (``ModelTooLarge``)
    /// before the model is built; nil does not estimate.
    public var memoryLimit: MemoryBudget? = .standard
    /// Counts work instead of wall seconds (``TimeBudget/init(workSeconds:stop:)``): the time limit becomes a work
    /// limit of as many work seconds, and the same scenario and options give the same plan, byte for byte, under
    /// any load, with the same build of stplan and GLPK (the wall time then varies instead). A stop request still ends the run.
    public var deterministic = false
    public init(timeLimit: Double = 60, relativeGap: Double = 0.0, seed: UInt64 = 1, placedByGLPK: Set<String> = [],
                stop: StopSignal? = nil, progress: PlanningProgress? = nil, outputReserve: Double = 0) {
        self.timeLimit = timeLimit
        self.outputReserve = outputReserve
        self.relativeGap = relativeGap
        self.seed = seed
        self.placedByGLPK = placedByGLPK
        self.stop = stop
        self.progress = progress
    }
}

/// The outcome of planning: a plan when one was found, and always an account of the run.
public struct PlanningOutcome: Sendable {
    public var plan: Plan?
    /// optimal, feasible, infeasible, time-limit or error.
    public var status: TerminationStatus
    public var objective: Double?
    /// The best proven lower bound (from the full model's LP relaxation, or GLPK's tree when it solved the whole).
    public var bound: Double?
    public var gap: Double? { SolveResult.relativeGap(objective: objective, bound: bound) }
    public var seconds: Double
    /// Why there is no plan, in the scenario's terms.
    public var reasons: [String]
    /// The explanation: supply and demand per unit and course, and the smallest relaxations (when infeasible).
    public var explanation: Explanation?
    /// The full model's size.
    public var rows: Int, columns: Int, nonZeros: Int
    /// Sub-problems solved and how many improved the plan; objective after construction.
    public var subproblems: Int, improvements: Int
    public var constructedObjective: Double?
    /// Seconds from the start until the first complete plan existed.
    public var firstPlanSeconds: Double?
    /// Seconds the full model took to build (on its own thread, beside the construction).
    public var modelSeconds: Double?
    /// The objective over time: (seconds since the start, objective) at the first plan and at each improvement.
    public var progress: [(seconds: Double, objective: Double)] = []
    /// The chosen blocks and extensions behind `plan` (before the calendar), for tools that rebuild its model values.
    public var assignment: Assignment?

    /// The best objective known `seconds` after the start, or `nil` when there was no plan yet.
    public func objective(at seconds: Double) -> Double? { progress.last { $0.seconds <= seconds }?.objective }
    /// GLPK's output and the loop's progress.
    public var log: String
    /// Supervision shortfalls the calendar stage could not avoid (see ``CalendarOutcome/problems``).
    public var calendarProblems: [String] = []
    /// True when ``PlannerOptions/stop`` ended the search early: the plan is the best found until then.
    public var stopped = false
}

/// Plans a scenario: builds the full model (for the bound), constructs a plan trainee by trainee, then improves
/// it by re-solving sub-problems (a few trainees free, the rest fixed) with the MILP solver under time limits.
public struct Planner: Sendable {
    public let solver: any MILPSolver
    public init(solver: any MILPSolver) { self.solver = solver }

    /// Plans `scenario` within `options.timeLimit` seconds (±10 %; work seconds with ``PlannerOptions/deterministic``).
    public func plan(_ scenario: Scenario, options: PlannerOptions = PlannerOptions()) throws -> PlanningOutcome {
        // A requested stop leaves no time: every step below then does only what a first plan needs.
        let seconds = max(options.timeLimit * 0.5, options.timeLimit - max(0, options.outputReserve))
        let budget = TimeBudget(seconds: seconds, stop: options.stop, deterministic: options.deterministic)
        let progress = options.progress
        progress?.update { $0 = PlanningProgress.Snapshot(phase: .construction, placed: 0, trainees: scenario.trainees.count) }
        defer { progress?.update { $0.phase = .done } }
        var log = ""
        if let estimate = try ModelEstimate.checked(scenario, against: options.memoryLimit, timeLimit: options.timeLimit) {
            log += "estimate: \(estimate.nonZeros) non-zeros, \(ModelEstimate.gib(estimate.bytes)) of memory (limit \(options.memoryLimit!))\n"
        }
        let context = PlanningContext(scenario: scenario)
        // The full model (for its size, the LP bound and the fallback) is built beside the construction: on a
        // large cohort building it takes longer than placing every trainee.
        let building = Background { () throws -> (PlanningModel, Double) in
            let start = ContinuousClock().now
            let m = try PlanningModel(context: context)
            return (m, (ContinuousClock().now - start).inSeconds)
        }
        // The full model and the context are freed on a thread of their own once the plan is out.
        defer { Reclaimer.release((building, context)) }
        var outcome = PlanningOutcome(plan: nil, status: .error, objective: nil, bound: nil, seconds: 0, reasons: [], explanation: nil,
                                      rows: 0, columns: 0, nonZeros: 0, subproblems: 0, improvements: 0, constructedObjective: nil, log: "")
        // Waits for the full model, and records its size once. (Outcome and log are passed in, not captured: a
        // captured variable would be checked for exclusive access at run time.)
        func fullModel(_ outcome: inout PlanningOutcome, _ log: inout String) throws -> PlanningModel {
            let (m, seconds) = try building.value()
            if outcome.columns == 0 {
                outcome.modelSeconds = seconds
                outcome.rows = m.model.rows.count
                outcome.columns = m.model.variables.count
                outcome.nonZeros = m.model.nonZeroCount
                log += "model: \(outcome.rows) rows, \(outcome.columns) columns, \(outcome.nonZeros) non-zeros, built in \(fmt(seconds)) s\n"
                budget.chargeBuild(nonZeros: outcome.nonZeros)
            }
            return m
        }
        let supply = Explanation.supplyAndDemand(context)
        /// The outcome when there is no plan: the reasons, and the explanation of the cohort (or of `alone`, one
        /// trainee's own context, with its own supply and demand).
        func infeasible(_ reasons: [String], alone: PlanningContext? = nil) throws -> PlanningOutcome {
            var o = outcome
            o.status = .infeasible
            o.reasons = reasons
            let slice = budget.slice(budget.share(0.9, floor: 1))
            if let alone {
                o.explanation = try Explanation.explain(alone, supply: Explanation.supplyAndDemand(alone), solver: solver, budget: slice)
            } else {
                o.explanation = try Explanation.explain(context, supply: supply, solver: solver, budget: slice, sizeHint: o.nonZeros)
            }
            o.seconds = budget.elapsed
            o.log = log
            return o
        }
        let hopeless = Explanation.precheck(context) + supply.filter(\.short).map(\.text)
        if !hopeless.isEmpty {
            _ = try fullModel(&outcome, &log)
            return try infeasible(hopeless)
        }
        var bound = context.aggregateBound()
        log += "aggregate bound: \(bound.map(fmt) ?? "-")\n"

        // 1. Construction, trainee by trainee; GLPK places a trainee the greedy rule cannot.
        var a = Assignment(empty: context)
        let construction = Construction(context: context)
        var constructed = true
        var slowPrograms = Set<String>()
        // The trainees in the order of the file; by start (earliest first), by deadline and with the course seats
        // decided for the cohort as the fallbacks (the first that places everyone stands), by start as a second opinion.
        let sequence = Array(context.trainees.indices)
        var fallback: Assignment?
        for (i, t) in sequence.enumerated() {
            let placedBefore = Array(sequence[..<i])
            progress?.update { $0.placed = i; $0.bound = bound }
            func take(_ p: (chosen: [[Int]], ext: Int)) {
                a.chosen[t] = p.chosen
                a.extensionWeeks[t] = p.ext
            }
            // Set when GLPK proved the trainee cannot be placed beside the others as they are.
            var aloneInfeasible = false
            if options.placedByGLPK.contains(context.trainees[t].spec.id) {
                log += "greedy: \(context.trainees[t].spec.id) is placed by GLPK (PlannerOptions.placedByGLPK)\n"
            } else if let p = construction.place(t, construction.shared(a, skip: t), retries: false) {
                take(p)
                continue
            } else {
                log += "greedy: \(construction.lastFailure)\n"
                // GLPK places the trainee alone, exactly, if it can do so quickly: a greedy placement that only
                // fits after retries can box in the trainees after it. One trainee's models of a programme are
                // alike: once one times out without a plan, the programme's later trainees skip this attempt.
                let program = context.trainees[t].program.id
                if !slowPrograms.contains(program) {
                    let sub = try PlanningModel(context: context, free: [t], fixed: a, weekSums: .splitRotations)
                    let r = try solver.solve(sub.model, options: budget.solverOptions(budget.share(0.1, floor: 0.5, cap: 2), gap: 0.05))
                    log += "construct \(context.trainees[t].spec.id) with GLPK (1 free, quick): \(r.status.rawValue) in \(fmt(r.seconds)) s\n"
                    if r.status.hasSolution { a = sub.assignment(from: r.values, base: a); continue }
                    if r.status == .infeasible { aloneInfeasible = true } else { slowPrograms.insert(program) }
                }
                if let p = construction.place(t, construction.shared(a, skip: t)) {
                    log += "greedy with retries: \(context.trainees[t].spec.id) placed\n"
                    take(p)
                    continue
                }
                log += "greedy with retries: \(construction.lastFailure)\n"
                // Room is made: the placed trainees most in the way are taken out and put back after this one.
                if let (b, out) = construction.eject(t, placed: placedBefore, in: a, timeLeft: { budget.remaining > 0.5 }) {
                    let names = out.map { context.trainees[$0].spec.id }.joined(separator: ", ")
                    log += "ejection: \(context.trainees[t].spec.id) placed after taking out \(names) and placing them again\n"
                    a = b
                    continue
                }
            }
            // Can the trainee be planned at all, alone against the programme, the calendar and the units (nobody
            // else placed)? One that cannot is explained at once, for itself, instead of searching the cohort.
            if construction.place(t, construction.shared(Assignment(empty: context), skip: nil)) == nil {
                let sub = try PlanningModel(context: context, free: [t], fixed: Assignment(empty: context), weekSums: .splitRotations)
                let r = try solver.solve(sub.model, options: budget.ignoringStop.solverOptions(budget.share(0.2, floor: 0.5, cap: 5), gap: 0.5))
                log += "alone: \(context.trainees[t].spec.id) against the programme, the calendar and the units: \(r.status.rawValue) in \(fmt(r.seconds)) s\n"
                if r.status == .infeasible {
                    let spec = context.trainees[t].spec
                    var single = scenario
                    single.trainees = [spec]
                    let alone = PlanningContext(scenario: single)
                    _ = try fullModel(&outcome, &log)
                    return try infeasible(["\(spec.name) (\(spec.id)) cannot be planned even alone, against the programme, the calendar and the units (GLPK proved it); the relaxations below are for this trainee alone"], alone: alone)
                }
            }
            // Placed by start, earliest first, every trainee may find a place where the file's order left
            // none (the earlier ST's deadlines first at the units they share).
            if let b = construction.placeEveryone(in: construction.sequence(), timeLeft: { budget.remaining > 0.5 }) {
                log += "greedy by start: every trainee placed (in the file's order \(context.trainees[t].spec.id) found no place)\n"
                fallback = b
                break
            }
            log += "greedy by start: \(construction.lastFailure)\n"
            // By earliest deadline, the rotations due by a month of the ST at their earliest weeks: list
            // scheduling, which packs a one-place unit that everyone needs early without gaps.
            if let b = construction.placeEveryoneByDeadline(timeLeft: { budget.remaining > 0.5 }) {
                log += "greedy by deadline: every trainee placed, rotations due by a month at their earliest (in the file's order \(context.trainees[t].spec.id) found no place)\n"
                fallback = b
                break
            }
            log += "greedy by deadline: \(construction.lastFailure)\n"
            // The courses' seats for the whole cohort at once: a proof that there are too few, or an allocation
            // that the same two greedy orders then keep to.
            switch try CourseSeats.allocate(construction, solver: solver, options: budget.solverOptions(budget.share(0.1, floor: 0.5, cap: 5))) {
            case .infeasible:
                log += "course seats: no allocation exists\n"
                _ = try fullModel(&outcome, &log)
                return try infeasible(["the required courses cannot all be given: their sessions' seats and dates, one course a day and max_courses_per_term leave some trainee without a seat, whatever the rest of the plan (GLPK proved it on the courses alone)"])
            case .allocated(let seats):
                construction.allowed = seats
                defer { construction.allowed = nil }
                fallback = construction.placeEveryone(in: construction.sequence(), timeLeft: { budget.remaining > 0.5 })
                    ?? construction.placeEveryoneByDeadline(timeLeft: { budget.remaining > 0.5 })
                log += fallback != nil
                    ? "course seats allocated for the cohort: every trainee placed (in the file's order \(context.trainees[t].spec.id) found no place)\n"
                    : "course seats allocated for the cohort: \(construction.lastFailure)\n"
            case .unknown:
                log += "course seats: no allocation found in time\n"
            }
            if fallback != nil { break }
            // GLPK places the trainee alone; if that is impossible beside the others, together with the placed
            // trainees whose ST starts closest (they may have to make room).
            var placed = false
            for size in [1, 4, 8] where !placed && (size == 1 ? !aloneInfeasible : budget.remaining > 1) {
                let s = context.trainees[t].timeline.startWeek
                let others = placedBefore.sorted { abs(context.trainees[$0].timeline.startWeek - s) < abs(context.trainees[$1].timeline.startWeek - s) }
                let free = ([t] + others.prefix(size - 1)).sorted()
                let sub = try PlanningModel(context: context, free: free, fixed: a, weekSums: .splitRotations)
                // The trainee alone is the last resort before "no plan": it gets at least 4 s (one trainee's model
                // of the example takes GLPK about 1 s to its first plan alone on the machine, and over 2.3 s beside
                // the rest of the test suite, with research of four lengths), the larger groups what is left. Any
                // plan will do here: the search stops half a second after its first.
                let floor = size == 1 ? 4.0 : 0.5
                var opts = budget.solverOptions(budget.share(0.3, floor: floor, cap: 10), gap: 0.05)
                opts.afterFirstSolution = 0.5
                if size == 1 { opts.startSolution = nil }
                let r = try solver.solve(sub.model, options: opts)
                log += "construct \(context.trainees[t].spec.id) with GLPK (\(free.count) free): \(r.status.rawValue) in \(fmt(r.seconds)) s\n"
                if r.status.hasSolution { a = sub.assignment(from: r.values, base: a); placed = true }
            }
            guard placed else { constructed = false; break }
        }
        if let b = fallback {
            a = b
            constructed = true
        } else if constructed, budget.elapsed < budget.remaining * 0.25,
                  let b = construction.placeEveryone(in: construction.sequence(), timeLeft: { budget.remaining > budget.limit * 0.6 }),
                  context.objective(b) < context.objective(a) - 1e-6 {
            // A second opinion while time is plenty: the same greedy rule by start; the cheaper plan stands.
            log += "greedy by start: objective \(fmt(context.objective(b))) against \(fmt(context.objective(a))) in the file's order; taken\n"
            a = b
        }
        if constructed {
            outcome.firstPlanSeconds = budget.elapsed
            outcome.progress.append((outcome.firstPlanSeconds!, context.objective(a)))
            progress?.update { $0.placed = context.trainees.count; $0.objective = context.objective(a) }
        }
        var objective: Double?
        var proven = false
        if constructed {
            // Re-place each trainee greedily against the others' final plans while that lowers the objective.
            var value = context.objective(a)
            var improved = true
            while improved && budget.remaining > budget.limit * 0.5 {
                improved = false
                for t in context.trainees.indices {
                    guard let p = construction.place(t, construction.shared(a, skip: t)) else { continue }
                    var b = a
                    b.chosen[t] = p.chosen
                    b.extensionWeeks[t] = p.ext
                    let v = context.objective(b)
                    if v < value - 1e-6 { a = b; value = v; improved = true }
                }
            }
            objective = context.objective(a)
            outcome.constructedObjective = objective
            if objective! < outcome.progress.last!.objective - 1e-9 { outcome.progress.append((budget.elapsed, objective!)) }
            log += "constructed: objective \(fmt(objective!)) at \(fmt(budget.elapsed)) s\n"
        }
        // A start plan (a what-if's base) stands where it is a plan of this scenario and cheaper than the
        // construction's: a variant that only relaxes the base then never comes out worse than it.
        if let startPlan = options.start {
            if let s = Replanner.assignment(of: startPlan, in: context), try fullModel(&outcome, &log).values(for: s) != nil {
                let v = context.objective(s)
                if objective.map({ v < $0 - 1e-9 }) ?? true {
                    log += "start plan: objective \(fmt(v)), taken\(objective.map { " over the construction's \(fmt($0))" } ?? "")\n"
                    a = s
                    objective = v
                    if !constructed { outcome.firstPlanSeconds = budget.elapsed }
                    constructed = true
                    outcome.constructedObjective = v
                    outcome.progress.append((budget.elapsed, v))
                    progress?.update { $0.placed = context.trainees.count; $0.objective = v }
                } else {
                    log += "start plan: objective \(fmt(v)), not below the construction's\n"
                }
            } else {
                log += "start plan: not a plan of this scenario (a block is not allowed here, or a rule breaks)\n"
            }
        }
        // 2. The bound: the full model's LP relaxation when the model is small enough for GLPK's simplex to
        //    finish in a fifth of the time.
        // Stopped with a plan, nothing below needs the full model: the run does not wait for its build.
        let full: PlanningModel? = budget.stopped && constructed ? nil : try fullModel(&outcome, &log)
        var relaxed = SolveResult(status: .timeLimitNoSolution)
        if let full, full.model.nonZeroCount <= 400_000, !budget.stopped {
            progress?.update { $0.phase = .bound }
            var lp = budget.solverOptions(max(0.5, min(budget.share(0.2), budget.remaining - 1)))
            lp.relaxIntegrality = true
            relaxed = try solver.solve(full.model, options: lp)
            log += "LP relaxation: \(relaxed.status.rawValue) \(relaxed.objective.map(fmt) ?? "-") in \(fmt(relaxed.seconds)) s\n"
        }
        if relaxed.status == .infeasible {
            return try infeasible(["the LP relaxation is infeasible: the hard rules cannot hold together even in fractions"])
        }
        if relaxed.status == .optimal, let b = relaxed.objective { bound = max(bound ?? b, b) }

        // GLPK reads a model at roughly 500 000 non-zeros a second before its time limit starts to count (9 M
        // non-zeros took 17 s given 4 s), so the whole model is handed over only when loading it takes at most
        // half of what is left.
        let loading = Double(full?.model.nonZeroCount ?? 0) / 500_000
        if !constructed && (budget.remaining <= 1 || loading > budget.remaining * 0.5) {
            // The whole model's root LP alone takes seconds: started now it would break the time limit.
            outcome.status = .timeLimitNoSolution
            outcome.reasons = ["no plan was found within the time limit; the construction could not place every trainee"]
            log += "full model without a start: skipped, \(fmt(budget.remaining)) s left and about \(fmt(loading)) s to load it\n"
        } else if !constructed, let full {
            // Hand the whole model to GLPK: it proves infeasibility or finds a first plan.
            let r = try solver.solve(full.model, options: budget.solverOptions(budget.share(0.6, floor: 0.5)))
            log += "full model without a start: \(r.status.rawValue) in \(fmt(r.seconds)) s\n"
            if r.status == .infeasible {
                outcome.status = .infeasible
                outcome.reasons = ["GLPK proved the hard rules cannot all hold at once"]
                outcome.explanation = try Explanation.explain(context, supply: supply, solver: solver, budget: budget.slice(budget.share(0.9, floor: 1)),
                                                              sizeHint: outcome.nonZeros)
            } else if r.status.hasSolution {
                a = full.assignment(from: r.values, base: a)
                objective = context.objective(a)
                outcome.firstPlanSeconds = budget.elapsed
                outcome.progress.append((outcome.firstPlanSeconds!, objective!))
                if r.status == .optimal { proven = true; bound = objective }
                else if let b = r.bound { bound = max(bound ?? b, b) }
            } else {
                outcome.status = .timeLimitNoSolution
                outcome.reasons = ["no plan was found within the time limit; the construction could not place every trainee"]
            }
        }

        // 3. Improvement: sub-problems of a few trainees, the rest fixed; beside it, on the other core, the
        //    decomposition bound (every trainee priced alone), which ends with the same deadline.
        if let current = objective, !proven, !budget.stopped {
            progress?.update { $0.phase = .improvement; $0.objective = current; $0.bound = bound }
            let searchBudget = budget.reserving(budget.calendarReserve(trainees: context.trainees.count))
            // The user's stop reaches the bound at once, also while the planner waits for it.
            let ended = StopSignal(parent: options.stop)
            let decomposition: Background<DecompositionBound.Outcome>? = options.decompositionBound ? {
                let (incumbent, solver, known) = (a, solver, bound)
                // Deterministic, the bound counts its work on a clock of its own: the two threads' counts would
                // otherwise depend on how they interleave.
                let own = searchBudget.forked.stopped(by: ended)
                return Background {
                    try DecompositionBound.run(context, solver: solver, incumbent: incumbent, upper: current,
                                               budget: own) { b in
                        progress?.update { $0.bound = max(known ?? b, $0.bound ?? b, b) }
                    }
                }
            }() : nil
            let improver = Improver(solver: solver, context: context, goal: .plan, progress: progress, repairExtended: true)
            let r = try improver.run(a, value: current, budget: searchBudget,
                                     relativeGap: options.relativeGap, bound: bound, seed: options.seed, log: &log)
            // The search is over (time, a proof, or the user's stop): the bound's round in progress is let go.
            // Deterministic, the bound runs to the end of its own work budget (the same as the search's) unless the
            // search ended early, by a proof or the gap: then its bound, which depends on when it was stopped, is
            // not used.
            let early = r.proven || bound.map { r.value - $0 <= max(options.relativeGap * abs(r.value), 1e-6) } ?? false
            let waits = searchBudget.isDeterministic && !early && !budget.stopped
            if !waits { ended.request() }
            if let d = try decomposition?.value(), waits || !searchBudget.isDeterministic {
                log += "decomposition bound: \(d.bound.map(fmt) ?? "-") after \(d.rounds) rounds in \(fmt(d.seconds)) s\n"
                if let b = d.bound { bound = max(bound ?? b, b) }
            }
            a = r.assignment
            objective = r.value
            outcome.subproblems += r.subproblems
            outcome.improvements += r.improvements
            outcome.progress += r.progress
            if r.proven { proven = true; bound = r.value }
        }
        outcome.stopped = budget.stopped
        if outcome.stopped { log += "stopped on request at \(fmt(budget.elapsed)) s: the best plan so far is kept\n" }
        guard let value = objective else {
            outcome.seconds = budget.elapsed
            outcome.log = log
            return outcome
        }
        let status: TerminationStatus = proven || (bound.map { value - $0 <= 1e-6 * max(1, abs(value)) } ?? false) ? .optimal : .feasible
        outcome.status = status
        outcome.objective = value
        outcome.bound = bound.map { min($0, value) }
        outcome.seconds = budget.elapsed
        outcome.assignment = a
        let info = Plan.SolveInfo(status: status.rawValue, objective: value, bound: outcome.bound, gap: outcome.gap,
                                  seconds: outcome.seconds, terms: context.terms(a))
        progress?.update { [bound] in $0.phase = .calendar; $0.objective = value; $0.bound = bound }
        let calendar = try CalendarPlanner.fill(Decoder.plan(context, a, solve: info), scenario: scenario, solver: solver,
                                                budget: budget.slice(max(0.3, budget.remaining)))
        log += "calendar: \(calendar.models) supervision models in \(fmt(calendar.seconds)) s; \(calendar.problems.count) shortfalls\n"
        outcome.plan = calendar.plan
        outcome.calendarProblems = calendar.problems
        outcome.seconds = budget.elapsed
        outcome.plan?.solve.seconds = outcome.seconds
        outcome.log = log
        return outcome
    }

    /// The greedy construction alone (no GLPK): every trainee placed in order where it adds the least cost (with
    /// ejection repair where a trainee finds no place), or `nil` when that cannot place one. Deterministic; for benchmarks and tests.
    public static func greedy(_ context: PlanningContext) -> Assignment? {
        Construction(context: context).placeEveryone(in: context.trainees.indices.map { $0 }, timeLeft: { true })
    }

    /// Builds the full model only (for export).
    public func model(_ scenario: Scenario) throws -> LinearModel {
        try PlanningModel(context: PlanningContext(scenario: scenario)).model
    }

    func fmt(_ v: Double) -> String { JSONValue.format(v) }
}

/// A small seeded random number generator (SplitMix64), so runs are repeatable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

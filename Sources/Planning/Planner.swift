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
    public init(timeLimit: Double = 60, relativeGap: Double = 0.0, seed: UInt64 = 1) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.seed = seed
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
    /// GLPK's output and the loop's progress.
    public var log: String
    /// Supervision shortfalls the calendar stage could not avoid (see ``CalendarOutcome/problems``).
    public var calendarProblems: [String] = []
}

/// Plans a scenario: builds the full model (for the bound), constructs a plan trainee by trainee, then improves
/// it by re-solving sub-problems (a few trainees free, the rest fixed) with the MILP solver under time limits.
public struct Planner: Sendable {
    public let solver: any MILPSolver
    public init(solver: any MILPSolver) { self.solver = solver }

    /// Plans `scenario` within `options.timeLimit` seconds (±10 %).
    public func plan(_ scenario: Scenario, options: PlannerOptions = PlannerOptions()) throws -> PlanningOutcome {
        let clock = ContinuousClock()
        let t0 = clock.now
        let deadline = t0.advanced(by: .milliseconds(Int64(options.timeLimit * 1000)))
        func remaining() -> Double { (deadline - clock.now).inSeconds }
        // Kept for the supervision and self-study calendar after the rotation plan.
        let calendarReserve = min(3, max(0.3, options.timeLimit * 0.05))
        var log = ""
        let context = PlanningContext(scenario: scenario)
        let full = try PlanningModel(context: context)
        var outcome = PlanningOutcome(plan: nil, status: .error, objective: nil, bound: nil, seconds: 0, reasons: [], explanation: nil,
                                      rows: full.model.rows.count, columns: full.model.variables.count, nonZeros: full.model.nonZeroCount,
                                      subproblems: 0, improvements: 0, constructedObjective: nil, log: "")
        log += "model: \(outcome.rows) rows, \(outcome.columns) columns, \(outcome.nonZeros) non-zeros, built in \(fmt((clock.now - t0).inSeconds)) s\n"
        let supply = Explanation.supplyAndDemand(context)
        let hopeless = Explanation.precheck(context) + supply.filter(\.short).map(\.text)
        if !hopeless.isEmpty {
            outcome.status = .infeasible
            outcome.reasons = hopeless
            outcome.explanation = try Explanation.explain(context, supply: supply, solver: solver, timeLimit: max(1, remaining() * 0.9))
            outcome.seconds = (clock.now - t0).inSeconds
            outcome.log = log
            return outcome
        }

        // 1. The bound: staffing arithmetic at once, and the full model's LP relaxation when the model is small
        //    enough for GLPK's simplex to finish in a fifth of the time.
        var bound = context.aggregateBound()
        log += "aggregate bound: \(bound.map(fmt) ?? "-")\n"
        var relaxed = SolveResult(status: .timeLimitNoSolution)
        if full.model.nonZeroCount <= 400_000 {
            var lp = SolverOptions(timeLimit: max(0.5, min(remaining() * 0.2, remaining() - 1)))
            lp.relaxIntegrality = true
            relaxed = try solver.solve(full.model, options: lp)
            log += "LP relaxation: \(relaxed.status.rawValue) \(relaxed.objective.map(fmt) ?? "-") in \(fmt(relaxed.seconds)) s\n"
        }
        if relaxed.status == .infeasible {
            outcome.status = .infeasible
            outcome.reasons = ["the LP relaxation is infeasible: the hard rules cannot hold together even in fractions"]
            outcome.explanation = try Explanation.explain(context, supply: supply, solver: solver, timeLimit: max(1, remaining() * 0.9))
            outcome.seconds = (clock.now - t0).inSeconds
            outcome.log = log
            return outcome
        }
        if relaxed.status == .optimal, let b = relaxed.objective { bound = max(bound ?? b, b) }

        // 2. Construction, trainee by trainee; GLPK places a trainee the greedy rule cannot.
        var a = Assignment(empty: context)
        let construction = Construction(context: context)
        var constructed = true
        for t in context.trainees.indices {
            if let p = construction.place(t, construction.shared(a, skip: t)) {
                a.chosen[t] = p.chosen
                a.extensionWeeks[t] = p.ext
                continue
            }
            log += "greedy: \(construction.lastFailure)\n"
            // GLPK places the trainee alone; if that is impossible beside the others, together with the placed
            // trainees whose ST starts closest (they may have to make room).
            var placed = false
            for size in [1, 4, 8] where !placed && remaining() > 1 {
                let s = context.trainees[t].timeline.startWeek
                let others = (0..<t).sorted { abs(context.trainees[$0].timeline.startWeek - s) < abs(context.trainees[$1].timeline.startWeek - s) }
                let free = ([t] + others.prefix(size - 1)).sorted()
                let sub = try PlanningModel(context: context, free: free, fixed: a)
                var opts = SolverOptions(timeLimit: max(0.5, min(remaining() * 0.3, 10)), relativeGap: 0.05)
                if size == 1 { opts.startSolution = nil }
                let r = try solver.solve(sub.model, options: opts)
                log += "construct \(context.trainees[t].spec.id) with GLPK (\(free.count) free): \(r.status.rawValue) in \(fmt(r.seconds)) s\n"
                if r.status.hasSolution { a = sub.assignment(from: r.values, base: a); placed = true }
            }
            guard placed else { constructed = false; break }
        }
        var objective: Double?
        var proven = false
        if constructed {
            // Re-place each trainee greedily against the others' final plans while that lowers the objective.
            var value = context.objective(a)
            var improved = true
            while improved && remaining() > options.timeLimit * 0.5 {
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
            outcome.firstPlanSeconds = (clock.now - t0).inSeconds
            log += "constructed: objective \(fmt(objective!)) at \(fmt((clock.now - t0).inSeconds)) s\n"
        } else {
            // Hand the whole model to GLPK: it proves infeasibility or finds a first plan.
            let r = try solver.solve(full.model, options: SolverOptions(timeLimit: max(0.5, remaining() * 0.6)))
            log += "full model without a start: \(r.status.rawValue) in \(fmt(r.seconds)) s\n"
            if r.status == .infeasible {
                outcome.status = .infeasible
                outcome.reasons = ["GLPK proved the hard rules cannot all hold at once"]
                outcome.explanation = try Explanation.explain(context, supply: supply, solver: solver, timeLimit: max(1, remaining() * 0.9))
            } else if r.status.hasSolution {
                a = full.assignment(from: r.values, base: a)
                objective = context.objective(a)
                outcome.firstPlanSeconds = (clock.now - t0).inSeconds
                if r.status == .optimal { proven = true; bound = objective }
                else if let b = r.bound { bound = max(bound ?? b, b) }
            } else {
                outcome.status = .timeLimitNoSolution
                outcome.reasons = ["no plan was found within the time limit; the construction could not place every trainee"]
            }
        }

        // 3. Improvement: sub-problems of a few trainees, the rest fixed.
        if var current = objective, !proven {
            var rng = SplitMix64(seed: options.seed)
            let n = context.trainees.count
            var k = 1
            var strategy = 0
            var sinceImprovement = 0
            var windowWeeks = 26
            // What an iteration costs besides GLPK's own time limit: building the sub-problem, and the time
            // GLPK runs past its limit (loading, finishing a node) plus the bookkeeping after it. The largest
            // of each seen so far is kept in reserve, so the whole plan, decoding included, ends in time.
            var buildCost = 0.2
            var overshoot = 0.3
            while remaining() - calendarReserve > buildCost + overshoot + 0.5 {
                let buildStart = clock.now
                if let b = bound, current - b <= max(options.relativeGap * abs(current), 1e-6) { break }
                // Alternate: a time window with every trainee free inside it (the others' work outside it fixed),
                // and a few trainees free over the whole horizon.
                let useWindow = strategy % 2 == 0
                let chosen: [Int]
                var allowed: [[[Int]]]? = nil
                var windowText = ""
                if useWindow {
                    let length = min(context.grid.count, windowWeeks)
                    let from = Int(rng.next() % UInt64(max(1, context.grid.count - length + 1)))
                    allowed = window(context, a, from: from, to: from + length)
                    chosen = Array(0..<n)
                    windowText = " weeks \(context.label(from))+\(length)"
                } else {
                    chosen = neighbourhood(context, a, size: k, strategy: strategy / 2, rng: &rng)
                }
                strategy = (strategy + 1) % 6
                let subContext = allowed.map { context.restricted(to: $0) } ?? context
                let base = allowed.flatMap { PlanningContext.compress(a, allowed: $0) } ?? a
                let sub = try PlanningModel(context: subContext, free: chosen, fixed: base)
                let solveStart = clock.now
                buildCost = max(buildCost, (solveStart - buildStart).inSeconds)
                let budget = remaining() - calendarReserve - overshoot - 0.2
                guard budget > 0.5 else { break }
                var opts = SolverOptions(timeLimit: min(budget, max(3, options.timeLimit / 6)))
                opts.startSolution = sub.values(for: base)
                opts.relativeGap = 1e-4
                let r = try solver.solve(sub.model, options: opts)
                outcome.subproblems += 1
                defer { overshoot = max(overshoot, (clock.now - solveStart).inSeconds - opts.timeLimit!) }
                if r.status.hasSolution, let value = r.objective, value < current - 1e-6 {
                    let solved = sub.assignment(from: r.values, base: base)
                    let next = allowed.map { PlanningContext.expand(solved, allowed: $0) } ?? solved
                    let check = context.objective(next)
                    if check < current - 1e-6 {
                        a = next
                        current = check
                        outcome.improvements += 1
                        sinceImprovement = 0
                        log += "improved to \(fmt(current)) with \(chosen.map { context.trainees[$0].spec.id }.joined(separator: ",")) at \(fmt((clock.now - t0).inSeconds)) s\n"
                    }
                } else { sinceImprovement += 1 }
                log += r.log.split(separator: "\n", omittingEmptySubsequences: false).suffix(25).joined(separator: "\n")
                if useWindow {
                    if r.status == .optimal && r.seconds < opts.timeLimit! * 0.3 { windowWeeks = min(context.grid.count, windowWeeks * 3 / 2) }
                    else if r.status != .optimal { windowWeeks = max(8, windowWeeks - 8) }
                }
                log += "  sub-problem \(outcome.subproblems) (\(chosen.count) trainees\(windowText)): \(r.status.rawValue) \(r.objective.map(fmt) ?? "-") in \(fmt(r.seconds)) s\n"
                if !useWindow, k == n, r.status == .optimal {
                    proven = true
                    bound = current
                    break
                }
                if !useWindow {
                    if r.status == .optimal && r.seconds < opts.timeLimit! * 0.3 { k = min(n, k + 1) }
                    else if r.status != .optimal && k > 1 && r.seconds >= opts.timeLimit! * 0.9 { k -= 1 }
                }
                if sinceImprovement > 3 * n { k = min(n, k + 1); sinceImprovement = 0 }
            }
            objective = current
        }
        guard let value = objective else {
            outcome.seconds = (clock.now - t0).inSeconds
            outcome.log = log
            return outcome
        }
        let status: TerminationStatus = proven || (bound.map { value - $0 <= 1e-6 * max(1, abs(value)) } ?? false) ? .optimal : .feasible
        outcome.status = status
        outcome.objective = value
        outcome.bound = bound.map { min($0, value) }
        outcome.seconds = (clock.now - t0).inSeconds
        let info = Plan.SolveInfo(status: status.rawValue, objective: value, bound: outcome.bound, gap: outcome.gap,
                                  seconds: outcome.seconds, terms: context.terms(a))
        let calendar = try CalendarPlanner.fill(Decoder.plan(context, a, solve: info), scenario: scenario, solver: solver,
                                                timeLimit: max(0.3, remaining()))
        log += "calendar: \(calendar.models) supervision models in \(fmt(calendar.seconds)) s; \(calendar.problems.count) shortfalls\n"
        outcome.plan = calendar.plan
        outcome.calendarProblems = calendar.problems
        outcome.seconds = (clock.now - t0).inSeconds
        outcome.plan?.solve.seconds = outcome.seconds
        outcome.log = log
        return outcome
    }

    /// Picks the trainees of the next sub-problem: at random (strategy 0), the ones whose ST runs closest in
    /// time to a random trainee's (1), or the extended ones first (2).
    func neighbourhood(_ ctx: PlanningContext, _ a: Assignment, size: Int, strategy: Int, rng: inout SplitMix64) -> [Int] {
        let n = ctx.trainees.count
        guard size < n else { return Array(0..<n) }
        var pool = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { pool.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        switch strategy {
        case 1:
            let pivot = pool[0]
            let s = ctx.trainees[pivot].timeline.startWeek
            pool.sort { (abs(ctx.trainees[$0].timeline.startWeek - s), $0 == pivot ? 0 : 1) < (abs(ctx.trainees[$1].timeline.startWeek - s), $1 == pivot ? 0 : 1) }
        case 2:
            pool.sort { a.extensionWeeks[$0] > a.extensionWeeks[$1] }
        default: break
        }
        return Array(pool.prefix(size)).sorted()
    }

    /// The candidates a window sub-problem may use: for each requirement whose chosen candidates all lie inside
    /// weeks from..<to, every candidate inside the window; for the others, their current choice only.
    func window(_ ctx: PlanningContext, _ a: Assignment, from: Int, to: Int) -> [[[Int]]] {
        ctx.candidates.indices.map { t in
            ctx.candidates[t].indices.map { r in
                let cands = ctx.candidates[t][r]
                let inside = a.chosen[t][r].allSatisfy { cands[$0].start >= from && cands[$0].end <= to }
                guard inside else { return a.chosen[t][r] }
                return cands.indices.filter { cands[$0].start >= from && cands[$0].end <= to }
            }
        }
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

import LinearModel
import ScenarioFormat
import STCore

/// The improvement loop (large-neighbourhood search): re-solves sub-problems with GLPK, a few trainees free over
/// the whole horizon or every trainee free inside a time window, the rest fixed, and keeps what lowers `goal`'s
/// value. The planner runs it on the plan's objective; a replan also on its change cost under limits.
struct Improver {
    let solver: any MILPSolver
    let context: PlanningContext
    let goal: Goal
    /// Told of each improvement, when given.
    var progress: PlanningProgress? = nil
    /// Re-solve each trainee that the start extends alone before the loop (the planner's run, after the
    /// construction; a replan's held trainees cannot move, and its later goals do not price extension).
    var repairExtended = false

    struct Result {
        var assignment: Assignment
        var value: Double
        /// True when a sub-problem with every trainee free was solved to optimality.
        var proven = false
        var subproblems = 0
        var improvements = 0
        /// (seconds since the budget's start, value) at each improvement.
        var progress: [(seconds: Double, objective: Double)] = []
    }

    /// Improves `start` (whose value under the goal is `value`) until `budget` ends or its stop is requested, the
    /// gap to `bound` (a lower bound on the goal's value) falls to `relativeGap`, or a whole-cohort sub-problem is
    /// solved to optimality. A sub-problem gets at most a sixth of the budget's limit (and at least 3 s); first, with
    /// ``repairExtended``, each trainee that `start` extends is re-solved alone, most extended first, for a
    /// thirtieth of it (at least 1 s), for at most a third of the time left.
    func run(_ start: Assignment, value: Double, budget: TimeBudget,
             relativeGap: Double, bound: Double?, seed: UInt64, log: inout String) throws -> Result {
        let clock = ContinuousClock()
        var result = Result(assignment: start, value: value)
        var a = start
        var current = value
        var rng = SplitMix64(seed: seed)
        let n = context.trainees.count
        var k = 1
        var strategy = 0
        var sinceImprovement = 0
        var windowWeeks = 26
        // Trainees the start left extended, most extension first: each is re-solved alone before anything else.
        // The construction places trainees one by one, so the last ones placed can carry extension that a
        // re-solve of that trainee alone removes in a second, where a window or a random pair takes a whole
        // sub-problem's limit for far less. The phase ends after a third of the time left at its start, so that
        // the windows and pairs still run.
        var repair = repairExtended ? Self.extendedFirst(a) : []
        let repairUntil = budget.elapsed + budget.remaining / 3
        // What an iteration costs besides GLPK's own time limit: building the sub-problem, and the time GLPK runs
        // past its limit (loading, finishing a node) plus the bookkeeping after it. The largest of each seen so
        // far is kept in reserve, so that the whole run, decoding included, ends in time.
        var buildCost = 0.2
        var overshoot = 0.3
        while budget.remaining > buildCost + overshoot + 0.5 {
            let buildStart = clock.now
            if let b = bound, current - b <= max(relativeGap * abs(current), 1e-6) { break }
            // Alternate: a time window with every trainee free inside it (the others' work outside it fixed), and a
            // few trainees free over the whole horizon.
            if !repair.isEmpty && budget.elapsed >= repairUntil { repair = [] }
            let repairing = !repair.isEmpty
            let useWindow = !repairing && strategy % 2 == 0
            let chosen: [Int]
            var allowed: [[[Int]]]? = nil
            var windowText = ""
            if repairing {
                chosen = [repair.removeFirst()]
            } else if useWindow {
                let length = min(context.grid.count, windowWeeks)
                let from = Int(rng.next() % UInt64(max(1, context.grid.count - length + 1)))
                allowed = Self.window(context, a, from: from, to: from + length)
                chosen = Array(0..<n)
                windowText = " weeks \(context.label(from))+\(length)"
            } else {
                chosen = Self.neighbourhood(context, a, size: k, strategy: strategy / 2, rng: &rng)
            }
            if !repairing { strategy = (strategy + 1) % 6 }
            let subContext = allowed.map { context.restricted(to: $0) } ?? context
            let base = allowed.flatMap { PlanningContext.compress(a, allowed: $0) } ?? a
            let sub = try PlanningModel(context: subContext, free: chosen, fixed: base, goal: goal, weekSums: .splitRotations)
            budget.chargeBuild(nonZeros: sub.model.nonZeroCount)
            let solveStart = clock.now
            // On a deterministic budget only the solves' work counts: nothing measured on the clock decides.
            if !budget.isDeterministic { buildCost = max(buildCost, (solveStart - buildStart).inSeconds) }
            let left = budget.remaining - overshoot - 0.2
            guard left > 0.5 else { break }
            // A trainee re-solved alone for its extension gets a short limit: where the others hold the places it
            // needs, no time removes it alone, and the pairs and windows after it may.
            let limit = min(left, repairing ? max(1, budget.limit / 30) : max(3, budget.limit / 6))
            var opts = budget.solverOptions(limit)
            opts.startSolution = sub.values(for: base)
            if opts.startSolution == nil { log += "  the current plan is not a solution of this sub-problem: \(sub.violation(of: base) ?? "-")\n" }
            opts.relativeGap = 1e-4
            let r = try solver.solve(sub.model, options: opts)
            result.subproblems += 1
            defer { if !budget.isDeterministic { overshoot = max(overshoot, (clock.now - solveStart).inSeconds - limit) } }
            // The solve's seconds against its limit steer the neighbourhood's size: work seconds when deterministic.
            let took = budget.isDeterministic ? r.work : r.seconds
            if r.status.hasSolution, let value = r.objective, value < current - 1e-6 {
                let solved = sub.assignment(from: r.values, base: base)
                let next = allowed.map { PlanningContext.expand(solved, allowed: $0) } ?? solved
                let check = context.value(next, goal: goal)
                if check < current - 1e-6 {
                    a = next
                    current = check
                    result.improvements += 1
                    result.progress.append((budget.elapsed, current))
                    progress?.update { [current] in $0.objective = current }
                    sinceImprovement = 0
                    log += "improved to \(JSONValue.format(current)) with \(chosen.map { context.trainees[$0].spec.id }.joined(separator: ",")) at \(JSONValue.format(budget.elapsed)) s\n"
                }
            } else { sinceImprovement += 1 }
            log += r.log.split(separator: "\n", omittingEmptySubsequences: false).suffix(25).joined(separator: "\n")
            if useWindow {
                if r.status == .optimal && took < limit * 0.3 { windowWeeks = min(context.grid.count, windowWeeks * 3 / 2) }
                else if r.status != .optimal { windowWeeks = max(8, windowWeeks - 8) }
            }
            log += "  sub-problem \(result.subproblems) (\(chosen.count) trainees\(windowText)): \(r.status.rawValue) \(r.objective.map(JSONValue.format) ?? "-") in \(JSONValue.format(r.seconds)) s\n"
            if !useWindow, chosen.count == n, r.status == .optimal {
                result.proven = true
                break
            }
            if !useWindow && !repairing {
                if r.status == .optimal && took < limit * 0.3 { k = min(n, k + 1) }
                else if r.status != .optimal && k > 1 && took >= limit * 0.9 { k -= 1 }
            }
            if sinceImprovement > 3 * n { k = min(n, k + 1); sinceImprovement = 0 }
        }
        result.assignment = a
        result.value = current
        return result
    }

    /// The trainees with extension weeks in `a`, the most extended first (then in the cohort's order).
    static func extendedFirst(_ a: Assignment) -> [Int] {
        a.extensionWeeks.indices.filter { a.extensionWeeks[$0] > 0 }
            .sorted { (-a.extensionWeeks[$0], $0) < (-a.extensionWeeks[$1], $1) }
    }

    /// Picks the trainees of the next sub-problem: at random (strategy 0), the ones whose ST runs closest in
    /// time to a random trainee's (1), or the extended ones first (2).
    static func neighbourhood(_ ctx: PlanningContext, _ a: Assignment, size: Int, strategy: Int, rng: inout SplitMix64) -> [Int] {
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
    static func window(_ ctx: PlanningContext, _ a: Assignment, from: Int, to: Int) -> [[[Int]]] {
        ctx.candidates.indices.map { t in
            ctx.candidates[t].indices.map { r in
                let cands = ctx.candidates[t][r]
                let inside = a.chosen[t][r].allSatisfy { cands[$0].start >= from && cands[$0].end <= to }
                guard inside else { return a.chosen[t][r] }
                return cands.indices.filter { cands[$0].start >= from && cands[$0].end <= to }
            }
        }
    }
}

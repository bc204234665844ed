import LinearModel
import ScenarioFormat
import STCore

/// How far a replan may move away from the old plan for a better objective.
public enum Stability: String, Sendable, CaseIterable {
    /// Fewest changes among the plans no worse on extension and staffing shortage than the best found by
    /// re-planning only the trainees the change touches (the others fixed).
    case strict
    /// As strict, and the whole objective within `tolerance` (5 %) of the best found.
    case balanced
    /// The best objective found; changes only break ties.
    case free
}

/// What a replan may spend and keep.
public struct ReplanOptions: Sendable {
    /// Weeks before the Monday of this date's week are history: kept exactly as in the old plan.
    public var today: CivilDate
    public var stability: Stability = .balanced
    /// Seconds for the whole replan.
    public var timeLimit: Double = 10
    /// `balanced`: the share by which the objective may exceed the best found (at least 1 unit).
    public var tolerance: Double = 0.05
    public var seed: UInt64 = 1
    /// SHA-256 of the old plan file's bytes, for the lineage in the new plan's history.
    public var oldPlanHash: String = ""
    /// When requested (Ctrl-C), the replan keeps the best plan found so far once its repair has one.
    public var stop: StopSignal?
    /// Updated as the replan goes, for a progress display.
    public var progress: PlanningProgress?
    /// The memory the replan may take: a cohort whose model is estimated above it is refused (``ModelTooLarge``)
    /// before any model is built; nil does not estimate.
    public var memoryLimit: MemoryBudget? = .standard
    /// Counts work instead of wall seconds, as ``PlannerOptions/deterministic`` does: the same old plan, scenario
    /// and options give the same replan, byte for byte.
    public var deterministic = false
    public init(today: CivilDate, stability: Stability = .balanced, timeLimit: Double = 10, oldPlanHash: String = "",
                stop: StopSignal? = nil, progress: PlanningProgress? = nil) {
        self.stop = stop
        self.progress = progress
        self.today = today
        self.stability = stability
        self.timeLimit = timeLimit
        self.oldPlanHash = oldPlanHash
    }
}

/// Why a replan cannot start (the inputs contradict each other), with what to change.
public struct ReplanError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The outcome of a replan.
public struct ReplanOutcome: Sendable {
    /// The plan, status and figures, as for a plan from scratch (`plan.history` records the lineage).
    public var outcome: PlanningOutcome
    /// What had to give: bookings released, running rotations cut, departed trainees.
    public var notes: [ReplanNote]
    /// The plan objective of the best plan found before the stability stage, and of the plan returned.
    public var bestObjective: Double?
    /// The change cost (changed trainee-weeks + moved blocks, as the model counts them) of the plan returned.
    public var changeCost: Double?
}

/// Replans after a change to the scenario (leave, an extension, a capacity, a course session, a trainee) with
/// the fewest changes to an old plan.
///
/// 1. The old plan is read as an assignment of the new scenario's candidates (its reference), and pinned: every
///    block before `today`'s week is kept (a rotation that runs across it is cut there and its remainder planned
///    after, pinned to run on where it still can), and rotations at other units that start within the unit's
///    `lead_weeks` stay booked. No other rotation at another unit starts inside its unit's notice (see
///    ``pinned(_:old:today:level:)``). Where the pins make a plan impossible, the bookings are released first, then
///    the running rotations.
/// 2. Repair: trainees whose old plan breaks a rule of the new scenario (and new trainees) are re-planned by GLPK
///    with everyone else fixed, then more trainees if that is impossible.
///    Under `strict` and `balanced` every trainee the repair did not touch is held to the repaired plan from here on.
/// 3. Improvement on the plan's own objective (extension, staffing, preferences), with changes as a tie-break;
///    under `strict` only the trainees the repair touched are free in it, so the limit is what the change allows.
/// 4. Stability (`strict`, `balanced`): fewest changes — changed trainee-weeks plus moved blocks — among plans no
///    worse than the best found on extension and staffing shortage (and, for `balanced`, on the whole objective
///    within 5 %).
public struct Replanner: Sendable {
    public let solver: any MILPSolver
    public init(solver: any MILPSolver) { self.solver = solver }

    /// A block of the old plan, in grid weeks.
    struct OldBlock {
        var unit: String?
        var start: Int
        var length: Int
        var session: Int? = nil
        /// The vacation weeks inside an old rotation run.
        var vacation = 0
        var end: Int { start + length }
    }

    /// Why `old` cannot be replanned under `scenario` at all: a plan of another scenario (another calendar start,
    /// or none of its trainees in the scenario), or a calendar made shorter. The command line asks this before it
    /// compares the history, so that a plan of another scenario is named as such.
    public static func inputProblem(old: Plan, scenario: Scenario) -> ReplanError? {
        let another = ": the plan was made for another scenario. Replan it with the scenario it was made for, or a variant of that one."
        guard old.calendar.start == scenario.calendar.start else {
            return ReplanError("the plan's calendar starts on \(old.calendar.start), \(scenario.file)'s on \(scenario.calendar.start)" + another)
        }
        let ids = Set(scenario.trainees.map(\.id))
        guard old.trainees.contains(where: { ids.contains($0.id) }) else {
            return ReplanError("none of the plan's trainees (\(old.trainees.prefix(5).map(\.id).joined(separator: ", "))) is in \(scenario.file)" + another)
        }
        guard scenario.calendar.weeks >= old.calendar.weeks else {
            return ReplanError("the scenario has \(scenario.calendar.weeks) weeks, the old plan \(old.calendar.weeks); a replan may lengthen calendar.weeks, not shorten it")
        }
        return nil
    }

    public func replan(old: Plan, scenario: Scenario, options: ReplanOptions) throws -> ReplanOutcome {
        let budget = TimeBudget(seconds: options.timeLimit, stop: options.stop, deterministic: options.deterministic)
        let searching = budget.reserving(budget.calendarReserve(trainees: scenario.trainees.count))
        let progress = options.progress
        progress?.update { $0 = PlanningProgress.Snapshot(phase: .construction, placed: 0, trainees: scenario.trainees.count) }
        defer { progress?.update { $0.phase = .done } }
        if let problem = Self.inputProblem(old: old, scenario: scenario) { throw problem }
        // The estimate of a plan from scratch: a replan with everyone free builds that model.
        _ = try ModelEstimate.checked(scenario, against: options.memoryLimit, timeLimit: options.timeLimit)
        let grid = scenario.grid
        let end = grid.monday(grid.count)
        guard options.today >= grid.start, options.today < end else {
            throw ReplanError("--today \(options.today) is outside the calendar (\(grid.start) to \(end.adding(days: -1)))")
        }
        let today = grid.week(containing: options.today)
        var log = "replan from week \(grid.monday(today)) (\(options.stability.rawValue))\n"
        var notes: [ReplanNote] = []
        let ids = Set(scenario.trainees.map(\.id))
        for tp in old.trainees where !ids.contains(tp.id) {
            notes.append(.left(trainee: tp.id))
        }

        // 1–2. Pins and repair, releasing bookings (level 2) and then running rotations (level 3) when needed.
        var found: (context: PlanningContext, a: Assignment, alone: Set<Int>, touched: Set<Int>, booked: [Plan.Booking])?
        for level in 1...3 where found == nil {
            let pinned = try Self.pinned(PlanningContext(scenario: scenario), old: old, today: today, level: level)
            // The repair ignores a stop: until it has a plan there is nothing to keep (it takes a second or two).
            let r = try repair(pinned.context, pinned.start, broken: pinned.broken, budget: searching.ignoringStop, log: &log)
            if let a = r.plan {
                found = (pinned.context, a, r.alone, r.touched, pinned.booked)
                if level >= 2 { notes.append(.bookingsReleased(today: grid.monday(today))) }
                if level >= 3 { notes.append(.runningMayBeCut(today: grid.monday(today))) }
                notes += pinned.notes
            } else {
                log += "level \(level): no plan within the pins\n"
            }
        }
        guard let found else {
            let outcome = PlanningOutcome(plan: nil, status: budget.remaining > 1 ? .infeasible : .timeLimitNoSolution, objective: nil, bound: nil,
                                          seconds: budget.elapsed,
                                          reasons: ["no plan keeps the history before \(grid.monday(today)); the edited scenario cannot be met without rewriting it (or more time is needed)"],
                                          explanation: nil, rows: 0, columns: 0, nonZeros: 0, subproblems: 0, improvements: 0,
                                          constructedObjective: nil, log: log)
            return ReplanOutcome(outcome: outcome, notes: notes, bestObjective: nil, changeCost: nil)
        }
        var (context, repaired, alone, touched, booked) = found
        // Trainees the change does not touch stay as they are (strict and balanced): only those the repair had to
        // re-plan are free in the stages below. `free` lets every trainee move for a better objective.
        if options.stability != .free {
            let held = context.trainees.indices.filter { !touched.contains($0) }
            (context, repaired) = Self.frozen(context, repaired, free: touched)
            if !held.isEmpty { log += "held as they are: \(held.count) trainees the change does not touch\n" }
        }
        var a = repaired
        progress?.update { $0.placed = scenario.trainees.count; $0.objective = context.objective(repaired); $0.phase = .improvement }
        let firstPlan = budget.elapsed
        log += "repaired: objective \(JSONValue.format(context.objective(a))), changes \(JSONValue.format(context.changes(a))) at \(JSONValue.format(firstPlan)) s\n"

        // 3. The plan's own objective, changes as a tie-break. Under `strict` this stage only sets the limit on the
        //    hard terms, so it is skipped when the repaired plan has none.
        var subproblems = 0, improvements = 0
        let tieBreak = Goal(planWeight: 1, changeWeight: 0.001)
        if options.stability == .strict && Goal.hard(context.terms(repaired)) <= 1e-9 {
            log += "strict: the repaired plan has no extension or shortage below min; no search on the objective\n"
        } else if options.stability == .strict {
            // Strict asks for the change and nothing else: the limit on the hard terms is what re-planning the
            // trainees the repair touched can reach, the others fixed. An improvement for another trainee (a
            // shorter extension found by moving someone's course) is not a consequence of the change.
            a = try strictLimit(context, repaired, touched: touched, goal: tieBreak, budget: searching.capped(searching.remaining * 0.5), log: &log)
            subproblems += 1
            if context.value(a, goal: tieBreak) < context.value(repaired, goal: tieBreak) - 1e-9 { improvements += 1 }
        } else {
            let share = options.stability == .free ? 1.0 : 0.5
            let b = try Improver(solver: solver, context: context, goal: tieBreak, progress: progress)
                .run(a, value: context.value(a, goal: tieBreak), budget: searching.capped(searching.remaining * share),
                     relativeGap: 0, bound: nil, seed: options.seed, log: &log)
            subproblems += b.subproblems
            improvements += b.improvements
            a = b.assignment
        }
        let best = a
        let bestTerms = context.terms(best)
        let bestObjective = context.objective(best)
        log += "best found: objective \(JSONValue.format(bestObjective))\n"

        // 4. Fewest changes within the limits.
        if options.stability != .free {
            let goal = Goal(planWeight: 0, changeWeight: 1, hardLimit: Goal.hard(bestTerms),
                            totalLimit: options.stability == .balanced ? bestObjective + max(options.tolerance * abs(bestObjective), 1) : nil)
            // Start from the repaired plan when it is within the limits and closer to the old one.
            let start = context.value(repaired, goal: goal) < context.value(best, goal: goal) ? repaired : best
            let least = try changeBound(context, alone: alone, budget: searching, log: &log)
            let c = try Improver(solver: solver, context: context, goal: goal)
                .run(start, value: context.value(start, goal: goal), budget: searching,
                     relativeGap: 0, bound: least, seed: options.seed &+ 1, log: &log)
            subproblems += c.subproblems
            improvements += c.improvements
            a = c.assignment
            log += "stability (\(options.stability.rawValue)): changes \(JSONValue.format(context.changes(a))), objective \(JSONValue.format(context.objective(a)))\n"
        }

        // Decode, the calendar after the history, and the lineage.
        let objective = context.objective(a)
        // (The whole model is never built in a replan: rows, columns and non-zeros stay 0.)
        var outcome = PlanningOutcome(plan: nil, status: .feasible, objective: objective, bound: nil, seconds: 0, reasons: [], explanation: nil,
                                      rows: 0, columns: 0, nonZeros: 0,
                                      subproblems: subproblems, improvements: improvements, constructedObjective: context.objective(repaired), log: "")
        outcome.firstPlanSeconds = firstPlan
        outcome.stopped = budget.stopped
        if outcome.stopped { log += "stopped on request at \(JSONValue.format(budget.elapsed)) s: the best plan so far is kept\n" }
        outcome.seconds = budget.elapsed
        let info = Plan.SolveInfo(status: "feasible", objective: objective, bound: nil, gap: nil, seconds: outcome.seconds, terms: context.terms(a))
        let decoded = Decoder.plan(context, a, solve: info)
        try Self.verifyHistory(old: old, new: decoded, before: today)
        progress?.update { $0.phase = .calendar; $0.objective = objective }
        let calendar = try CalendarPlanner.fill(decoded, scenario: scenario, solver: solver, budget: budget.slice(max(0.3, budget.remaining)),
                                                history: (old, today))
        var plan = calendar.plan
        for t in plan.trainees.indices { plan.trainees[t].blocks = Plan.blocks(of: plan.trainees[t].weeks) }
        let diff = PlanDiff.compare(old, plan)
        var history = Plan.History(scenarioHash: scenario.sourceHash, scenarioFile: scenario.file, replans: old.history?.replans ?? [])
        history.replans.append(Plan.Replan(today: options.today, fromPlanHash: options.oldPlanHash, fromScenarioHash: old.history?.scenarioHash,
                                           stability: options.stability.rawValue, changedTrainees: diff.trainees.map(\.id),
                                           changedWeeks: diff.changedWeeks, movedBlocks: diff.movedBlocks, booked: booked))
        plan.history = history
        log += "calendar: \(calendar.models) supervision models in \(JSONValue.format(calendar.seconds)) s; \(calendar.problems.count) shortfalls\n"
        outcome.plan = plan
        outcome.calendarProblems = calendar.problems
        outcome.seconds = budget.elapsed
        outcome.plan?.solve.seconds = outcome.seconds
        outcome.log = log
        return ReplanOutcome(outcome: outcome, notes: notes, bestObjective: bestObjective, changeCost: context.changes(a))
    }

    /// `context` with every trainee outside `free` held to its part of `a`: its chosen candidates are the only ones
    /// left, each forced, and its extension is pinned; `a` re-indexed to match.
    static func frozen(_ context: PlanningContext, _ a: Assignment, free: Set<Int>) -> (PlanningContext, Assignment) {
        var ctx = context
        var b = a
        for t in ctx.trainees.indices where !free.contains(t) {
            for r in ctx.candidates[t].indices {
                let ks = a.chosen[t][r]
                ctx.candidates[t][r] = ks.map { k in
                    var c = context.candidates[t][r][k]
                    c.forced = true
                    return c
                }
                b.chosen[t][r] = Array(ks.indices)
            }
            ctx.trainees[t].extensionFloor = a.extensionWeeks[t]
            ctx.trainees[t].extensionCeiling = a.extensionWeeks[t]
        }
        return (ctx, b)
    }

    /// The weeks before `before` plan the same in both plans, or a ``ReplanError`` naming the first that does not.
    static func verifyHistory(old: Plan, new: Plan, before: Int) throws {
        for tp in new.trainees {
            guard let o = old.trainees.first(where: { $0.id == tp.id }) else { continue }
            for w in 0..<min(before, o.weeks.count) where !PlanDiff.same(o.weeks[w], tp.weeks[w]) || abs(o.weeks[w].counts - tp.weeks[w].counts) > 1e-9 {
                throw ReplanError("\(tp.id), week of \(tp.weeks[w].week): the edited scenario changes a week before --today "
                                  + "(the old plan has \(o.weeks[w].activity.rawValue), now \(tp.weeks[w].activity.rawValue)); history is not rewritten: "
                                  + "date the change from --today on, or give an earlier --today")
            }
        }
    }

    /// GLPK re-plans the broken trainees with the others fixed to `start`, widening to the trainees whose ST runs
    /// closest when that is impossible; `nil` when even every trainee free gives no plan. Also the trainees whose
    /// old plan breaks the new scenario on its own (the others left out), which ``changeBound`` prices.
    func repair(_ context: PlanningContext, _ start: Assignment, broken: Set<Int>, budget: TimeBudget,
                log: inout String) throws -> (plan: Assignment?, alone: Set<Int>, touched: Set<Int>) {
        var bad = broken
        // A trainee's own rules, checked alone (the others' places and seats left out) …
        let nobody = Assignment(empty: context)
        for t in context.trainees.indices where !bad.contains(t) {
            let m = try PlanningModel(context: context, free: [t], fixed: nobody, weekSums: .splitRotations)
            if m.values(for: start) == nil {
                bad.insert(t)
                log += "repair: \(context.trainees[t].spec.id)'s old plan breaks a rule of the new scenario\n"
            }
        }
        let alone = bad
        // … and the shared ones: the trainees in a unit-week over capacity or a session over its seats, except
        // those whose place there is pinned.
        var load: [String: [Int: (total: Int, movable: [Int])]] = [:]
        var seats: [String: [Int: (total: Int, movable: [Int])]] = [:]
        for t in context.trainees.indices {
            for (r, ks) in start.chosen[t].enumerated() {
                for k in ks {
                    let c = context.candidates[t][r][k]
                    if let u = c.unit {
                        for w in c.start..<c.end {
                            load[u, default: [:]][w, default: (0, [])].total += 1
                            if !c.forced { load[u]![w]!.movable.append(t) }
                        }
                    }
                    if let s = c.session {
                        let id = context.trainees[t].requirements[r].id
                        seats[id, default: [:]][s, default: (0, [])].total += 1
                        if !c.forced { seats[id]![s]!.movable.append(t) }
                    }
                }
            }
        }
        for (u, weeks) in load { for (w, x) in weeks where x.total > (context.capacity[u]?[w] ?? Int.max) { bad.formUnion(x.movable) } }
        for (c, sessions) in seats {
            let limits = context.scenario.course(c)?.sessions.map(\.seats) ?? []
            for (s, x) in sessions where s < limits.count && x.total > (limits[s] ?? Int.max) { bad.formUnion(x.movable) }
        }
        log += "repair: \(bad.count) trainees break the new scenario: \(bad.sorted().map { context.trainees[$0].spec.id }.joined(separator: ","))\n"
        // The greedy construction places each broken trainee around the others first, its pins standing (a new
        // trainee has none); a placement the trainee's model refuses (an extension outside its pins, say) is left
        // to GLPK below. GLPK alone took 2 s to find any plan for two trainees of the cardiology what-if.
        let touched = bad
        var start = start
        let construction = Construction(context: context)
        for t in bad.sorted() {
            guard let p = construction.place(t, construction.shared(start, skip: t)) else { continue }
            let tc = context.trainees[t]
            var trial = start
            trial.chosen[t] = p.chosen
            trial.extensionWeeks[t] = min(max(p.ext, tc.extensionFloor), tc.extensionCeiling ?? tc.maxExtension)
            let check = try PlanningModel(context: context, free: [t], fixed: trial, weekSums: .splitRotations)
            guard check.values(for: trial) != nil else {
                log += "repair: the construction's place for \(tc.spec.id) breaks its model\n"
                continue
            }
            start = trial
            bad.remove(t)
            log += "repair: \(tc.spec.id) placed by the construction\n"
        }
        if bad.isEmpty { return (start, alone, touched) }
        let n = context.trainees.count
        var size = bad.count
        let goal = Goal(planWeight: 1, changeWeight: 0.01)
        // The others in the order they join: whose ST starts closest to a broken trainee's first.
        let starts = bad.map { context.trainees[$0].timeline.startWeek }
        let distance = (0..<n).map { t in starts.map { abs(context.trainees[t].timeline.startWeek - $0) }.min() ?? 0 }
        let others = (0..<n).filter { !bad.contains($0) }.sorted { (distance[$0], $0) < (distance[$1], $1) }
        while budget.remaining > 0.5 {
            let free = (Array(bad) + others.prefix(size - bad.count)).sorted()
            let sub = try PlanningModel(context: context, free: free, fixed: start, goal: goal, weekSums: .splitRotations)
            var opts = budget.solverOptions(max(0.5, min(budget.remaining, max(2, budget.share(0.5)))), gap: 0.01)
            // Any plan soon: the improvement that follows weighs the changes; proving 1 % here took the whole
            // slice (2 s for two trainees of the cardiology what-if), which a short what-if budget does not have.
            opts.afterFirstSolution = 0.5
            let r = try solver.solve(sub.model, options: opts)
            log += "repair with \(free.count) free: \(r.status.rawValue) in \(JSONValue.format(r.seconds)) s\n"
            if r.status.hasSolution { return (sub.assignment(from: r.values, base: start), alone, touched.union(free)) }
            if free.count == n { return (nil, alone, touched) }
            size = min(n, max(size * 2, size + 4))
        }
        return (nil, alone, touched)
    }

    /// Under `strict`: the repaired plan improved on `goal` (its own objective, changes as a tie-break) by GLPK with only
    /// the trainees the repair touched free and every other trainee fixed as repaired; the repaired plan when
    /// GLPK finds nothing better in `budget`.
    func strictLimit(_ context: PlanningContext, _ repaired: Assignment, touched: Set<Int>, goal: Goal, budget: TimeBudget,
                     log: inout String) throws -> Assignment {
        guard !touched.isEmpty, budget.remaining > 0.5 else { return repaired }
        let sub = try PlanningModel(context: context, free: touched.sorted(), fixed: repaired, goal: goal, weekSums: .splitRotations)
        let r = try solver.solve(sub.model, options: budget.solverOptions(max(0.5, budget.remaining), gap: 0))
        log += "strict: \(touched.count) touched trainees re-planned, the others fixed: \(r.status.rawValue) in \(JSONValue.format(r.seconds)) s\n"
        guard r.status.hasSolution else { return repaired }
        let b = sub.assignment(from: r.values, base: repaired)
        return context.value(b, goal: goal) < context.value(repaired, goal: goal) ? b : repaired
    }

    /// A lower bound on the change cost: a trainee whose old plan breaks the new scenario even alone changes at
    /// least what GLPK proves it must with every other trainee left out (fewer people only make more room), and
    /// no trainee's change cost is negative, so the sum over those trainees bounds the whole. The stability stage
    /// stops when it reaches the bound, instead of using the rest of the time.
    func changeBound(_ context: PlanningContext, alone: Set<Int>, budget: TimeBudget, log: inout String) throws -> Double {
        let nobody = Assignment(empty: context)
        let goal = Goal(planWeight: 0, changeWeight: 1)
        var bound = 0.0
        for t in alone.sorted() {
            let left = budget.remaining
            guard left > 1 else { break }
            let m = try PlanningModel(context: context, free: [t], fixed: nobody, goal: goal, weekSums: .splitRotations)
            let r = try solver.solve(m.model, options: budget.solverOptions(min(2, left * 0.1), gap: 0))
            guard r.status.hasSolution, let objective = r.objective else { continue }
            // The model's objective also holds the others' constants; one solution gives the offset.
            let own = context.traineeChanges(t, m.assignment(from: r.values, base: nobody))
            let offset = objective - own
            let least = r.status == .optimal ? own : max(0, ((r.bound ?? -Double.infinity) - offset - 1e-6).rounded(.up))
            log += "change bound: \(context.trainees[t].spec.id) changes at least \(JSONValue.format(least)) (\(r.status.rawValue))\n"
            bound += least
        }
        return bound
    }
}

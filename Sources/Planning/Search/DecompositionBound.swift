import LinearModel
import ScenarioFormat

/// A lower bound from the decomposition by trainee (Lagrangian relaxation of the rows that tie trainees together).
///
/// Only three kinds of rows tie trainees together: home staffing (`staff`, `target`: soft, each shortage priced),
/// a receiving unit's places (`cap`) and a course session's seats (`seats`). Everything else in the model is one
/// trainee's own. Priced with multipliers λ ≥ 0 (at most the shortage weight on a staffing row), these rows leave
/// one *pricing problem* per trainee: its own MILP (the planning model with that trainee alone, the staffing rows
/// left out) whose objective is the trainee's own cost, less what λ says its presence at home is worth, plus
/// what its use of places and seats costs. For every such λ
///
///     L(λ) = Σᵢ λᵢ (bᵢ − Cᵢ) + Σₜ zₜ(λ)
///
/// is a lower bound on every plan's objective, where zₜ(λ) is (GLPK's proven lower bound on) trainee t's priced
/// optimum, bᵢ the row's right-hand side and Cᵢ the presence the trainees bring whatever they do. The best L over
/// all λ is the Dantzig–Wolfe bound (whole individual plans as the master's columns).
///
/// The first λ are the duals of the *absence LP* (``startingPrices(budget:)``), a relaxation at least as tight as
/// the aggregate bound's, so the first round is already at least that bound when every trainee is priced
/// exactly; later rounds take Polyak subgradient steps from the best λ so far, halving the step when a round does
/// not improve. (A restricted master LP was tried first: with units of one or two places nearly every new plan
/// collides with another trainee's, the master is degenerate, and its duals gave bounds far below the aggregate.)
public struct DecompositionBound: Sendable {
    /// What a run found.
    public struct Outcome: Sendable {
        /// The best proven lower bound (`nil` until one round priced every trainee with a proven bound).
        public var bound: Double?
        /// Rounds (every trainee priced once).
        public var rounds = 0
        /// Seconds spent.
        public var seconds = 0.0
        /// The rounds one by one, for the log: when each ended and its bound (`nil` when a trainee had none).
        public var history: [(seconds: Double, bound: Double?)] = []
    }

    /// A row that ties trainees together, written as `activity ≥ rhs`; `price` caps its multiplier (the shortage
    /// weight of a soft staffing row), `nil` for a hard row (places, seats).
    struct Coupling {
        var rhs: Double
        var price: Double?
        /// Σ over trainees of what they add to the activity whatever they do (presence in every ST week).
        var constant = 0.0
    }

    /// One trainee's pricing problem.
    struct Pricing {
        let t: Int
        /// The trainee's own model without the staffing rows; its objective is set anew each round.
        var model: LinearModel
        /// The trainee's own costs per variable (extension, preferences).
        let base: [Double]
        /// `links[v]`: the coupling rows variable v enters, with its coefficient in `activity ≥ rhs` form.
        let links: [[(row: Int, a: Double)]]
        /// The trainee's part of the incumbent, as values of ``model`` (a start for GLPK), when it fits.
        var start: [Double]?
    }

    /// A whole individual plan: its own cost and what it adds to each coupling row.
    struct Column {
        let t: Int
        let cost: Double
        let activity: [(row: Int, a: Double)]
    }

    let context: PlanningContext
    let solver: any MILPSolver
    var rows: [Coupling] = []
    var pricing: [Pricing] = []
    /// `away[t]`: the weeks trainee t may spend away from home, as (its staffing rows that week, its employment).
    var away: [[(rows: [Int], e: Double)]] = []
    /// The incumbent's plan of each trainee, as a column.
    var incumbentColumns: [Column] = []

    /// True when every trainee got its pricing problem before the budget ended.
    var complete = true

    /// Prepares the coupling rows and one pricing problem per trainee; stops (``complete`` false) when `budget`
    /// ends first: at 160 trainees the problems take seconds to build, and a stopped search must not wait for them.
    init(context: PlanningContext, solver: any MILPSolver, incumbent: Assignment, weekSums: WeekSums = .splitRotations,
         budget: TimeBudget? = nil) throws {
        self.context = context
        self.solver = solver
        let grid = context.grid
        let weights = context.scenario.weights
        // Staffing rows per home clinic and week (only where min / target > 0, as in the model).
        var staffRow = context.homes.map { _ in [Int?](repeating: nil, count: grid.count) }
        var targetRow = staffRow
        for (h, home) in context.homes.enumerated() {
            for w in grid.indices {
                if home.min[w] > 0 { staffRow[h][w] = rows.count; rows.append(Coupling(rhs: Double(home.min[w]), price: weights.staffingShortage)) }
                if home.target[w] > 0 { targetRow[h][w] = rows.count; rows.append(Coupling(rhs: Double(home.target[w]), price: weights.staffingBelowTarget)) }
            }
        }
        var capRow: [String: [Int: Int]] = [:]
        var seatRow: [Int: [Int: Int]] = [:]
        let homeIndex = Dictionary(uniqueKeysWithValues: context.homes.enumerated().map { ($1.unit.id, $0) })
        let dropped: Set<RowFamily> = [.presence, .staffingMin, .staffingTarget]
        for t in context.trainees.indices {
            if let budget, budget.remaining <= 0 { complete = false; return }
            let sub = try PlanningModel(context: context, free: [t], fixed: Assignment(empty: context), weekSums: weekSums)
            var links = [[(row: Int, a: Double)]](repeating: [], count: sub.model.variables.count)
            // Presence: presdef[h,w] reads p − Σ a·x = constant, the constant being the fixed trainees' presence
            // plus this trainee's presence in every ST week.
            var weeksAway: [(rows: [Int], e: Double)] = []
            for (i, tag) in sub.rowTags.enumerated() where tag.family == .presence {
                guard let unit = tag.unit, let h = homeIndex[unit], let w = tag.week else { continue }
                let row = sub.model.rows[i]
                let p = sub.presence[h][w]
                let own = (row.bounds.lower ?? 0) - sub.fixedPresence[h][w]
                let staffing = [staffRow[h][w], targetRow[h][w]].compactMap { $0 }
                if !staffing.isEmpty, own > 0, row.terms.contains(where: { $0.variable != p && $0.coefficient > 0 }) {
                    weeksAway.append((staffing, own))
                }
                for c in staffing {
                    rows[c].constant += own
                    for term in row.terms where term.variable != p { links[term.variable.index].append((c, -term.coefficient)) }
                }
            }
            // Places: every cover at a unit with a capacity that week uses one (vacation inside keeps it).
            for (w, entries) in sub.covering[t].enumerated() {
                for c in entries {
                    guard let u = c.unit, let cap = context.capacity[u]?[w] else { continue }
                    let i: Int
                    if let known = capRow[u]?[w] { i = known } else {
                        i = rows.count
                        rows.append(Coupling(rhs: -Double(cap), price: nil))
                        capRow[u, default: [:]][w] = i
                    }
                    links[c.v.index].append((i, -1))
                }
            }
            // Seats: a chosen session takes one.
            let tc = context.trainees[t]
            for (r, req) in tc.requirements.enumerated() where req.kind == .course {
                guard let ci = context.scenario.courses.firstIndex(where: { $0.id == req.id }) else { continue }
                let course = context.scenario.courses[ci]
                for (k, cand) in context.candidates[t][r].enumerated() {
                    guard let s = cand.session, let seats = course.sessions[s].seats else { continue }
                    let i: Int
                    if let known = seatRow[ci]?[s] { i = known } else {
                        i = rows.count
                        rows.append(Coupling(rhs: -Double(seats), price: nil))
                        seatRow[ci, default: [:]][s] = i
                    }
                    links[sub.block[t][r][k].index].append((i, -1))
                }
            }
            var model = sub.model.droppingRows { dropped.contains(sub.rowTags[$0].family) }
            var base = model.objective
            // The home clinic's own variables (presence, shortages) are priced through λ: fixed at 0 here.
            for h in context.homes.indices {
                for v in sub.presence[h] + sub.shortage[h] + sub.belowTarget[h] {
                    base[v.index] = 0
                    try model.setBounds(v, lower: 0, upper: 0)
                }
            }
            model.objectiveConstant = 0
            var start: [Double]? = sub.candidateValues(for: incumbent)
            for h in context.homes.indices {
                for v in sub.presence[h] + sub.shortage[h] + sub.belowTarget[h] { start![v.index] = 0 }
            }
            var p = Pricing(t: t, model: model, base: base, links: links, start: nil)
            // The incumbent's own plan: the first subgradient where a pricing problem finds none, and GLPK's start.
            incumbentColumns.append(column(p, start!))
            if model.firstViolation(start!, tolerance: 1e-6) == nil { p.start = start }
            pricing.append(p)
            away.append(weeksAway)
        }
    }

    /// Builds the pricing problems and runs rounds within `budget`, starting from the plan `incumbent` (its value
    /// `upper` ends the run early when the bound reaches it), at most `maxRounds` of them.
    public static func run(_ context: PlanningContext, solver: any MILPSolver, incumbent: Assignment, upper: Double,
                           budget: TimeBudget, weekSums: WeekSums = .splitRotations, maxRounds: Int = .max,
                           improved: (Double) -> Void = { _ in }) throws -> Outcome {
        let d = try DecompositionBound(context: context, solver: solver, incumbent: incumbent, weekSums: weekSums, budget: budget)
        guard d.complete else { return Outcome(seconds: budget.elapsed) }
        return try d.run(upper: upper, budget: budget, maxRounds: maxRounds, improved: improved)
    }

    /// The column a pricing solution `x` of trainee `p` stands for.
    func column(_ p: Pricing, _ x: [Double]) -> Column {
        var cost = 0.0
        var act: [Int: Double] = [:]
        for (v, value) in x.enumerated() where abs(value) > 1e-9 {
            cost += p.base[v] * value
            for (i, a) in p.links[v] { act[i, default: 0] += a * value }
        }
        return Column(t: p.t, cost: cost, activity: act.filter { abs($0.value) > 1e-9 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// First prices for the staffing rows: the duals of the *absence LP*, in which each trainee is away for at
    /// least its fewest weeks (``PlanningContext/leastAbsence(_:)``) in any of its ST weeks, in fractions, and
    /// nothing else holds. That LP is a relaxation of every trainee's own problem and at least as tight as the
    /// aggregate bound's, so L at its duals (each trainee priced exactly) is at least the aggregate bound:
    /// the rounds start from there instead of from a degenerate master's extreme prices.
    func startingPrices(budget: TimeBudget) throws -> [Double]? {
        var m = LinearModel(name: "absence")
        var terms = [[LinearTerm]](repeating: [], count: rows.count)
        for (t, weeks) in away.enumerated() {
            var total: [LinearTerm] = []
            for (j, week) in weeks.enumerated() {
                let a = try m.addVariable("a\(t)_\(j)", lower: 0, upper: week.e)
                total.append(LinearTerm(a))
                for i in week.rows { terms[i].append(LinearTerm(a, -1)) }
            }
            let least = min(context.leastAbsence(t), weeks.reduce(0) { $0 + $1.e })
            if least > 0 { try m.addRow("least\(t)", total, .greaterOrEqual(least)) }
        }
        var rowOf = [Int?](repeating: nil, count: rows.count)
        for (i, row) in rows.enumerated() {
            guard let price = row.price else { continue }
            let s = try m.addVariable("s\(i)", lower: 0, upper: nil)
            try m.setObjective(s, price)
            rowOf[i] = m.rows.count
            try m.addRow("c\(i)", terms[i] + [LinearTerm(s)], .greaterOrEqual(row.rhs - row.constant))
        }
        let r = try solver.solve(m, options: budget.solverOptions(budget.remaining))
        guard r.status == .optimal, r.rowDuals.count == m.rows.count else { return nil }
        return rows.indices.map { i in rowOf[i].map { min(rows[i].price ?? 0, max(0, r.rowDuals[$0])) } ?? 0 }
    }

    /// Σᵢ λᵢ (bᵢ − Cᵢ): the part of L(λ) that no trainee's choice changes.
    func fixedPart(_ prices: [Double]) -> Double {
        zip(rows, prices).reduce(0) { $0 + $1.1 * ($1.0.rhs - $1.0.constant) }
    }

    /// L(λ): every trainee priced at `lambda` (GLPK, to optimality or its proven bound within `budget`), and the
    /// subgradient `slack[i]` = bᵢ − Cᵢ − Σₜ activity of the trainees' priced optima (the incumbent's plan where
    /// GLPK found none). The value is `nil` when a trainee got no proven bound in time.
    func evaluate(_ lambda: [Double], models: inout [Pricing], budget: TimeBudget) throws -> (value: Double?, slack: [Double]) {
        var total: Double? = fixedPart(lambda)
        var slack = rows.map { $0.rhs - $0.constant }
        for (n, p) in models.enumerated() {
            let left = budget.remaining
            guard left > 0.05 else { return (nil, slack) }
            var c = p.base
            for (v, ls) in p.links.enumerated() { for (i, a) in ls { c[v] -= lambda[i] * a } }
            try models[n].model.replaceObjective(c)
            var opts = budget.solverOptions(max(0.05, left / Double(models.count - n)), gap: 1e-6)
            opts.startSolution = p.start
            // Most-fractional branching: Driebeck–Tomlin's tableau rows took about half of a round (40 trainees:
            // first round 4.2 s against 7.3 s, the same bound).
            opts.branching = .mostFractional
            let r = try solver.solve(models[n].model, options: opts)
            if let lower = r.status == .optimal ? r.objective : r.bound { total? += lower } else { total = nil }
            let col = r.status.hasSolution ? column(p, r.values) : incumbentColumns[n]
            for (i, a) in col.activity { slack[i] -= a }
        }
        return (total, slack)
    }

    /// Runs rounds until `budget` ends, the step has shrunk to nothing, or the bound meets `upper` (the incumbent's value).
    /// `improved` is called with each better bound.
    func run(upper: Double, budget: TimeBudget, maxRounds: Int = .max, improved: (Double) -> Void = { _ in }) throws -> Outcome {
        var out = Outcome()
        var models = pricing
        var best: (bound: Double, prices: [Double], slack: [Double])?
        // Round 0 prices at the absence LP's duals; later rounds take a subgradient step from the best prices.
        guard var lambda = try startingPrices(budget: budget) else { return out }
        var step = 0.5
        while budget.remaining > 0.2, out.rounds < maxRounds {
            let (value, slack) = try evaluate(lambda, models: &models, budget: budget)
            out.rounds += 1
            out.history.append((budget.elapsed, value))
            guard let total = value else { break }
            if total > (best?.bound ?? -.infinity) + 1e-9 {
                best = (total, lambda, slack)
                improved(total)
            } else {
                step /= 2
            }
            guard let b = best, upper - b.bound > 1e-6 * max(1, abs(upper)), step > 1e-3 else { break }
            // Polyak's step from the best prices towards the rows the trainees' own optima leave short.
            var g = b.slack
            for i in rows.indices where (b.prices[i] <= 0 && g[i] < 0) || (rows[i].price.map { b.prices[i] >= $0 && g[i] > 0 } ?? false) { g[i] = 0 }
            let norm = g.reduce(0) { $0 + $1 * $1 }
            guard norm > 1e-12 else { break }
            // The target is the incumbent, or 5 % above the best bound when the incumbent is far off: a greedy
            // plan's value would make the first steps overshoot the prices into bounds far below the first round's.
            let target = min(upper, b.bound + 0.05 * max(1, abs(b.bound)))
            let t = step * (target - b.bound) / norm
            lambda = rows.indices.map { i in min(rows[i].price ?? .infinity, max(0, b.prices[i] + t * g[i])) }
        }
        out.bound = best?.bound
        out.seconds = budget.elapsed
        return out
    }
}

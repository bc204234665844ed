import LinearModel
import ScenarioFormat
import STCore

/// Why a scenario has no plan, in the scenario's terms.
public struct Explanation: Sendable {
    /// One line of supply-and-demand arithmetic.
    public struct Balance: Sendable {
        public var text: String
        /// True when the demand exceeds the supply: no plan can exist.
        public var short: Bool
    }
    /// A relaxation the elastic model needed: what to change, where, and by how much.
    public struct Relaxation: Sendable {
        /// The scenario key path to change, e.g. `units[2].capacity`.
        public var path: String
        public var text: String
    }
    /// Supply and demand per unit group and course.
    public var balances: [Balance]
    /// The smallest relaxations the elastic model found (empty when it was not run or found none).
    public var relaxations: [Relaxation]
    /// How the elastic model ended.
    public var elasticStatus: String?
    /// Why the elastic model was not solved, when it was too large for the time left (a sentence for the user).
    public var elasticSkipped: String? = nil

    /// Non-zeros GLPK reads a second before its own time limit starts to count (see ``Planner``: 9 M non-zeros
    /// took 17 s given 4 s).
    static let readRate = 500_000.0

    /// Requirements without a single allowed candidate.
    static func precheck(_ ctx: PlanningContext) -> [String] {
        var out: [String] = []
        for (t, tc) in ctx.trainees.enumerated() {
            for (r, req) in tc.requirements.enumerated() where ctx.candidates[t][r].count < req.minCount {
                let p = ctx.scenario.programs.firstIndex { $0.id == tc.program.id }!
                switch req.kind {
                case .rotation:
                    let i = tc.program.rotations.firstIndex { $0.id == req.id }!
                    out.append("\(tc.spec.id): rotation \(req.id) (\(req.rotation!.minWeeks) weeks at \(req.rotation!.units.joined(separator: " or "))) fits nowhere in the ST; change programs[\(p)].rotations[\(i)] (before_month, after_month), the units' closed periods or start_windows, or the trainee's leave"
                               + clockNote(tc, month: req.rotation!.beforeMonth, p, i))
                case .course:
                    let i = tc.program.courses.firstIndex { $0.course == req.id }!
                    out.append("\(tc.spec.id): no session of course \(req.id) lies in the ST clear of leave\(req.course!.beforeMonth.map { " and before month \(JSONValue.format($0))" } ?? ""); add a session to courses[\(ctx.scenario.courses.firstIndex { $0.id == req.id }!)].sessions or change programs[\(p)].courses[\(i)].before_month"
                               + clockNote(tc, month: req.course!.beforeMonth, p, nil))
                case .research:
                    out.append("\(tc.spec.id): the research work fits nowhere before its start_before_month; change programs[\(p)].research"
                               + clockNote(tc, month: tc.program.research?.startBeforeMonth, p, nil))
                case .quality:
                    out.append("\(tc.spec.id): the quality work fits nowhere in the ST; change programs[\(p)].quality")
                case .vacation:
                    out.append("\(tc.spec.id): \(req.minCount) vacation weeks (\(req.id)) do not fit in the year's service; change programs[\(p)].vacation_weeks_per_year")
                }
            }
        }
        return out
    }

    /// When a month limit has passed before the trainee's first week on the grid (weeks served before the
    /// calendar and credited weeks are on the ST clock from the start), a sentence that says so and how to fix it.
    static func clockNote(_ tc: TraineeContext, month: Double?, _ p: Int, _ rotation: Int?) -> String {
        guard let m = month else { return "" }
        let first = max(0, tc.timeline.startWeek)
        let clock = tc.timeline.clock(before: first)
        let limit = STTime.weeks(months: m)
        guard clock >= limit - 1e-9 else { return "" }
        let parts = [tc.timeline.servedBefore > 0 ? "\(JSONValue.format(tc.timeline.servedBefore)) served before the calendar" : nil,
                     tc.timeline.credited > 0 ? "\(JSONValue.format(tc.timeline.credited)) credited" : nil].compactMap { $0 }
        let done = rotation.map { "programs[\(p)].rotations[\($0)]'s id" } ?? "it"
        return " (the ST clock of \(tc.spec.id) is at \(JSONValue.format(clock)) weeks when planning starts, \(parts.joined(separator: " + ")), past month \(JSONValue.format(m)) = \(JSONValue.format(limit)) weeks: list \(done) in the trainee's done if it was done, or lower credited_weeks)"
    }

    /// Supply and demand per group of receiving units (rotations sharing the same units) and per course.
    static func supplyAndDemand(_ ctx: PlanningContext) -> [Balance] {
        var out: [Balance] = []
        struct Need { var trainees = Set<Int>(); var weeks = 0; var maxWeeks = 0; var first = Int.max; var last = Int.min; var rotations = Set<String>() }
        var groups: [String: Need] = [:]
        for (t, tc) in ctx.trainees.enumerated() {
            for (r, req) in tc.requirements.enumerated() where req.kind == .rotation {
                let rot = req.rotation!
                let key = rot.units.sorted().joined(separator: "+")
                var g = groups[key] ?? Need()
                g.trainees.insert(t)
                g.weeks += rot.minWeeks
                g.maxWeeks += rot.maxWeeks
                g.rotations.insert(rot.id)
                for c in ctx.candidates[t][r] { g.first = min(g.first, c.start); g.last = max(g.last, c.end) }
                groups[key] = g
            }
        }
        for key in groups.keys.sorted() {
            let g = groups[key]!
            let units = key.split(separator: "+").map(String.init)
            guard g.first < g.last, units.allSatisfy({ ctx.capacity[$0]?.contains { $0 == nil } == false }) else { continue }
            let supply = (g.first..<g.last).reduce(0) { sum, w in sum + units.reduce(0) { $0 + (ctx.capacity[$1]![w] ?? 0) } }
            let names = units.map { u in ctx.scenario.unit(u)?.name ?? u }.joined(separator: " or ")
            let need = g.weeks == g.maxWeeks ? "\(g.weeks)" : "\(g.weeks)–\(g.maxWeeks)"
            out.append(Balance(text: "\(names): \(g.trainees.count) trainee\(g.trainees.count == 1 ? "" : "s") need \(need) weeks (\(g.rotations.sorted().joined(separator: ", "))) between \(ctx.grid.monday(g.first)) and \(ctx.grid.monday(g.last)); \(supply) place-weeks exist then" + (g.weeks > supply ? ": too few" : ""),
                               short: g.weeks > supply))
        }
        for (ci, course) in ctx.scenario.courses.enumerated() {
            // Each trainee's sessions, in the order of their dates.
            var sessionsOf: [Int: Set<Int>] = [:]
            for (t, tc) in ctx.trainees.enumerated() {
                guard let r = tc.requirements.firstIndex(where: { $0.kind == .course && $0.id == course.id }) else { continue }
                sessionsOf[t] = Set(ctx.candidates[t][r].compactMap(\.session))
            }
            let usable = sessionsOf.values.reduce(into: Set<Int>()) { $0.formUnion($1) }
            guard !sessionsOf.isEmpty, usable.allSatisfy({ course.sessions[$0].seats != nil }) else { continue }
            let order = usable.sorted { (course.sessions[$0].start, $0) < (course.sessions[$1].start, $1) }
            let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            // Hall's condition on every run of consecutive sessions: the trainees who can attend only sessions of
            // the run need no more seats than the run has. (The whole course is the longest run; a trainee
            // with no session at all is the precheck's.) The most short run is reported, else the whole course.
            let spans = sessionsOf.values.filter { !$0.isEmpty }.map { set in (set.map { position[$0]! }.min()!, set.map { position[$0]! }.max()!) }
            var worst: (from: Int, to: Int, need: Int, seats: Int)?
            for i in order.indices {
                var seats = 0
                for j in i..<order.count {
                    seats += course.sessions[order[j]].seats!
                    let need = spans.filter { $0.0 >= i && $0.1 <= j }.count
                    let whole = i == 0 && j == order.count - 1
                    if need - seats > max(0, worst.map { $0.need - $0.seats } ?? 0) || (worst == nil && whole) { worst = (i, j, need, seats) }
                }
            }
            guard let w = worst else { continue }
            let count = w.to - w.from + 1
            let run = w.from == 0 && w.to == order.count - 1 ? "they can attend"
                : "from \(course.sessions[order[w.from]].start) to \(course.sessions[order[w.to]].start), the only ones they can attend"
            out.append(Balance(text: "\(course.name): \(w.need) trainee\(w.need == 1 ? "" : "s") need a seat; \(w.seats == 1 ? "1 seat exists" : "\(w.seats) seats exist") in the \(count) session\(count == 1 ? "" : "s") \(run) (courses[\(ci)].sessions)" + (w.need > w.seats ? ": too few" : ""),
                               short: w.need > w.seats))
        }
        return out
    }

    /// Solves the elastic model: the full model where unit capacity, course seats, the courses-per-term limit and
    /// each requirement may be broken at a price, and reports what it had to break.
    ///
    /// GLPK reads a model before its time limit starts, so the model is solved only when reading it fits in half of
    /// what is left (`sizeHint`, the full model's non-zeros when known, decides before the elastic model is even
    /// built); otherwise ``elasticSkipped`` says so, and the command keeps its time limit.
    static func explain(_ ctx: PlanningContext, supply: [Balance], solver: any MILPSolver, budget: TimeBudget,
                        sizeHint: Int = 0) throws -> Explanation {
        // Seconds for the user, to a tenth.
        func tenths(_ seconds: Double) -> String { JSONValue.format((seconds * 10).rounded() / 10) }
        func skipped(_ nonZeros: Int, estimated: Bool) -> Explanation {
            let reading = Double(nonZeros) / readRate
            let text = "the elastic model (\(estimated ? "at least " : "")\(nonZeros) non-zeros) was not solved: GLPK would take about "
                + "\(tenths(reading)) s to read it and \(tenths(budget.remaining)) s are left; "
                + "a larger --time-limit gives it room"
            return Explanation(balances: supply, relaxations: [], elasticStatus: "skipped", elasticSkipped: text)
        }
        if Double(sizeHint) / readRate > budget.remaining * 0.5 { return skipped(sizeHint, estimated: true) }
        var pm = try PlanningModel(context: ctx, weekSums: .direct)
        var slack: [(VariableID, RowTag)] = []
        let prices: [RowFamily: Double] = [.once: 100_000, .total: 100_000, .capacity: 1_000, .seats: 10_000,
                                           .coursesPerTerm: 10_000, .after: 50_000, .courseBeforeResearch: 50_000]
        for (i, tag) in pm.rowTags.enumerated() {
            guard let price = prices[tag.family] else { continue }
            let row = pm.model.rows[i]
            let v = try pm.model.addVariable("slack_\(row.name)", lower: 0, upper: nil)
            try pm.model.addObjective(v, price)
            // Lower-bounded rows (once, total) get slack that adds; upper-bounded ones slack that subtracts.
            let sign: Double = row.bounds.upper == nil || tag.family == .once || tag.family == .total ? 1 : -1
            try pm.model.addTerm(RowID(i), v, sign)
            if tag.family == .total {
                // An equality that may miss in both directions ("once" may only miss).
                let w = try pm.model.addVariable("slack_over_\(row.name)", lower: 0, upper: nil)
                try pm.model.addObjective(w, price)
                try pm.model.addTerm(RowID(i), w, -1)
                slack.append((w, tag))
            }
            slack.append((v, tag))
        }
        // The LP first: a relaxation it needs is needed even in fractions, and it takes a moment. Only when the
        // fractional model needs none is the (much harder) integer elastic model solved.
        let reading = Double(pm.model.nonZeroCount) / readRate
        if reading > budget.remaining * 0.5 { return skipped(pm.model.nonZeroCount, estimated: false) }
        var lp = budget.solverOptions(max(0.5, budget.remaining * 0.5 - reading))
        lp.relaxIntegrality = true
        var result = try solver.solve(pm.model, options: lp)
        if !result.status.hasSolution && result.status != .infeasible {
            // The integer model is harder than its LP: it would not finish either.
            return Explanation(balances: supply, relaxations: [], elasticStatus: "LP \(result.status.rawValue)",
                               elasticSkipped: "the elastic model's LP relaxation (\(pm.model.nonZeroCount) non-zeros) did not finish in "
                                   + "\(tenths(result.seconds)) s; a larger --time-limit gives it room")
        }
        var kind = "LP"
        var used = result.status.hasSolution ? slack.filter { result.values[$0.0.index] > 1e-6 } : []
        // The integer model reads the model again: only when that leaves GLPK a second to search.
        if used.isEmpty && budget.remaining - reading > 1 {
            result = try solver.solve(pm.model, options: budget.solverOptions(max(0.5, budget.remaining - reading)))
            kind = "MILP"
            used = result.status.hasSolution ? slack.filter { result.values[$0.0.index] > 1e-6 } : []
        }
        let relaxations = describe(ctx, used.map { ($0.1, result.values[$0.0.index]) })
        return Explanation(balances: supply, relaxations: relaxations, elasticStatus: "\(kind) \(result.status.rawValue)")
    }

    /// Turns positive slacks into sentences with key paths, merging consecutive capacity weeks of a unit. Each
    /// slack's row is known by its tag (family and subjects), never by its name.
    static func describe(_ ctx: PlanningContext, _ slacks: [(tag: RowTag, amount: Double)]) -> [Relaxation] {
        var out: [Relaxation] = []
        var capacity: [String: [(String, Int)]] = [:]
        for (tag, amount) in slacks {
            let n = Int(amount.rounded(.up))
            let t = tag.trainee ?? 0
            let tc = ctx.trainees.indices.contains(t) ? ctx.trainees[t] : nil
            let id = tc?.spec.id ?? "?"
            let p = tc.flatMap { tc in ctx.scenario.programs.firstIndex { $0.id == tc.program.id } } ?? 0
            let req = tc.flatMap { tc in tag.requirement.map { tc.requirements[$0] } }
            switch tag.family {
            case .capacity:
                if let unit = tag.unit, let w = tag.week { capacity[unit, default: []].append((ctx.label(w), n)) }
            case .seats:
                guard let ci = tag.course, let s = tag.session else { continue }
                let course = ctx.scenario.courses[ci]
                let seats = course.sessions[s].seats ?? 0
                out.append(Relaxation(path: "courses[\(ci)].sessions[\(s)].seats", text: "course \(course.id), session \(course.sessions[s].start): raise seats from \(seats) to \(seats + n)"))
            case .coursesPerTerm:
                out.append(Relaxation(path: "programs[\(p)].max_courses_per_term", text: "\(id) needs \(n) more course\(n == 1 ? "" : "s") in \(tag.term ?? "?") than max_courses_per_term allows"))
            case .once, .total:
                guard let tc, let req else { continue }
                if let i = tc.program.rotations.firstIndex(where: { $0.id == req.id }), req.kind == .rotation {
                    out.append(Relaxation(path: "programs[\(p)].rotations[\(i)]", text: "\(id) cannot get rotation \(req.id) in any allowed place and time: widen its before_month/after_month, add capacity at \(tc.program.rotations[i].units.joined(separator: "/")), or allow another unit"))
                } else if let i = tc.program.courses.firstIndex(where: { $0.course == req.id }), req.kind == .course {
                    out.append(Relaxation(path: "programs[\(p)].courses[\(i)]", text: "\(id) cannot attend course \(req.id): add a session or seats, or relax its before_month"))
                } else {
                    let ti = ctx.scenario.trainees.firstIndex { $0.id == id } ?? t
                    out.append(Relaxation(path: "trainees[\(ti)]", text: "\(id) cannot fit \(req.id) (\(JSONValue.format(amount)) short)"))
                }
            case .after:
                guard let tc, let req, let a = tag.predecessor else { continue }
                let i = tc.program.rotations.firstIndex { $0.id == req.id } ?? 0
                out.append(Relaxation(path: "programs[\(p)].rotations[\(i)].after", text: "\(id): rotation \(req.id) has to start before \(tc.requirements[a].id) is complete"))
            case .courseBeforeResearch:
                guard let tc, let req else { continue }
                let i = tc.program.courses.firstIndex { $0.course == req.id } ?? 0
                out.append(Relaxation(path: "programs[\(p)].courses[\(i)].before", text: "\(id): course \(req.id) cannot come before the research starts"))
            default: break
            }
        }
        for unit in capacity.keys.sorted() {
            let weeks = capacity[unit]!.sorted { $0.0 < $1.0 }
            let ui = ctx.scenario.units.firstIndex { $0.id == unit } ?? 0
            let cap = ctx.scenario.units[ui].capacity ?? 0
            let extra = weeks.map(\.1).max() ?? 1
            out.append(Relaxation(path: "units[\(ui)].capacity",
                                  text: "\(ctx.scenario.units[ui].name): \(weeks.count) week\(weeks.count == 1 ? "" : "s") need more places (\(weeks.first!.0)…\(weeks.last!.0)); raise capacity from \(cap) to \(cap + extra) then, or open it in closed weeks"))
        }
        return out.sorted { $0.path < $1.path }
    }
}

import LinearModel
import ScenarioFormat
import STCore

/// What the calendar stage added to a plan, and what it could not fit.
public struct CalendarOutcome: Sendable {
    public var plan: Plan
    /// Shortfalls in the scenario's terms (a supervisor's hours too few for the meeting frequency), with the key
    /// to change; empty when every supervision and self-study rule holds.
    public var problems: [String]
    /// Supervision models solved.
    public var models: Int
    public var seconds: Double
}

/// Adds the supervision and self-study calendar and the rule-given events to a decoded plan: the fixed events
/// (training plan, reviews, assessments, boards, sit-ins, local supervisors, follow-ups, deadlines), then one
/// ``SupervisionModel`` per supervisor solved by GLPK.
public enum CalendarPlanner {
    /// Fills `plan`'s weeks with events, supervision hours and self-study hours within `budget` (each supervisor's
    /// model gets an equal share of what is left, at least 0.5 s).
    ///
    /// With `history` (a replan), each trainee of the old plan keeps its weeks before week `before` exactly: their
    /// events, meetings and self-study are taken from the old plan and the models plan only the weeks after,
    /// counting the kept meetings and hours in their frequency windows, months and periods.
    public static func fill(_ plan: Plan, scenario: Scenario, solver: any MILPSolver, budget: TimeBudget,
                            history: (plan: Plan, before: Int)? = nil) throws -> CalendarOutcome {
        let clock = ContinuousClock()
        let t0 = clock.now
        let grid = plan.calendar.grid
        var out = plan
        var problems: [String] = []
        let tws = plan.trainees.map(TraineeWeeks.init)
        var fixedHours: [String: [Int: Double]] = [:]
        // The old plan's weeks before the replan date, per trainee index of this plan.
        let kept: [Int: ArraySlice<Plan.WeekEntry>] = history.map { h in
            var out: [Int: ArraySlice<Plan.WeekEntry>] = [:]
            for (t, tp) in plan.trainees.enumerated() {
                if let old = h.plan.trainees.first(where: { $0.id == tp.id }) { out[t] = old.weeks.prefix(min(h.before, old.weeks.count)) }
            }
            return out
        } ?? [:]
        for (t, tw) in tws.enumerated() {
            let past = kept[t]
            for e in (past ?? []).flatMap(\.events) where e.kind == .followUp {
                if let s = e.with, let h = e.hours { fixedHours[s, default: [:]][SupervisionModel.monthKey(e.date), default: 0] += h }
            }
            let busy = BusyDays(tw.plan, scenario: scenario, grid: grid)
            for (w, e) in CalendarEvents.fixed(tw, scenario: scenario, grid: grid).compactMap({ moved($0, past: past, tw, busy: busy, grid: grid) }) {
                out.trainees[t].weeks[w].events.append(e)
                if e.kind == .followUp, let h = e.hours {
                    out.trainees[t].weeks[w].supervisionHours += h
                    if let s = e.with { fixedHours[s, default: [:]][SupervisionModel.monthKey(e.date), default: 0] += h }
                }
            }
        }
        // Groups: each supervisor's trainees; a trainee without a supervisor alone.
        var groups: [(SupervisorSpec?, [Int])] = scenario.supervisors.map { s in
            (s, plan.trainees.indices.filter { plan.trainees[$0].supervisor == s.id })
        }.filter { !$0.1.isEmpty }
        groups += plan.trainees.indices.filter { t in !scenario.supervisors.contains { $0.id == plan.trainees[t].supervisor } }.map { (nil, [$0]) }
        // Weeks below the staffing target, per home clinic: a group meets at its first member's clinic.
        func belowTarget(_ unit: String) -> [Bool] {
            let s = plan.staffing.first { $0.unit == unit } ?? plan.staffing.first
            return grid.indices.map { w in s.map { s in s.target.map { Double($0[w]) > s.present[w] + 1e-9 } ?? false } ?? false }
        }
        var models = 0
        for (g, (supervisor, members)) in groups.enumerated() {
            let specs = members.enumerated().map { (k, t) -> SupervisionModel.Member in
                let program = scenario.program(plan.trainees[t].program)
                let busy = BusyDays(plan.trainees[t], scenario: scenario, grid: grid)
                var dates: [Int: CivilDate] = [:]
                for w in tws[t].stRange where tws[t].isHomeWeek(w) { dates[w] = busy.meetingDay(w, preferred: 1 + k % 4, grid: grid) }
                let intro = scenario.trainees.first { $0.id == plan.trainees[t].id }.flatMap { s in
                    program.map { TraineeTimeline(trainee: s, program: $0, grid: grid).introduction }
                } ?? []
                return .init(index: t, weeks: tws[t], supervision: program?.supervision, selfStudy: program?.selfStudy, day: 1 + k % 4,
                             meetingDates: dates, introduction: intro, kept: kept[t].map(Array.init) ?? [])
            }
            guard specs.contains(where: { $0.supervision != nil || $0.selfStudy != nil }) else { continue }
            let sm = try SupervisionModel(members: specs, supervisor: supervisor, fixedHours: supervisor.flatMap { fixedHours[$0.id] } ?? [:],
                                          grid: grid, periods: scenario.calendar.periods,
                                          belowTarget: belowTarget(scenario.program(plan.trainees[members[0]].program).map { scenario.homeUnit(of: $0).id } ?? ""))
            var opts = budget.solverOptions(budget.share(1 / Double(groups.count - g), floor: 0.5), gap: 1e-3)
            // The greedy start counts a replan's kept weeks as they were; where they hold fewer self-study hours
            // than their period needs, it breaks the period's row, and GLPK would refuse it (a replan once exited
            // 70 with "row study_0_4054: 42.0 < 44.0"). GLPK then starts from nothing.
            opts.startSolution = sm.model.firstViolation(sm.start, tolerance: 1e-6) == nil ? sm.start : nil
            let r = try solver.solve(sm.model, options: opts)
            models += 1
            let values = r.status.hasSolution ? r.values : sm.start
            apply(sm, values, supervisor: supervisor, grid: grid, scenario: scenario, to: &out, problems: &problems)
        }
        // The kept weeks as they were (events, meetings and hours exactly; the models reproduced their hours).
        for (t, past) in kept {
            for (w, entry) in past.enumerated() { out.trainees[t].weeks[w] = entry }
        }
        for t in out.trainees.indices {
            for w in out.trainees[t].weeks.indices {
                out.trainees[t].weeks[w].events.sort { ($0.date, $0.kind, $0.subject ?? "") < ($1.date, $1.kind, $1.subject ?? "") }
            }
        }
        return CalendarOutcome(plan: out, problems: problems, models: models, seconds: (clock.now - t0).inSeconds)
    }

    /// A rule-given event in a replan: after the kept weeks as derived; inside them dropped (the old plan's events
    /// stand), except a yearly one (home sit-in, assessment, specialist board) the kept weeks lack for its ST
    /// year, which moves to the first week after them in that year where it can be held.
    static func moved(_ x: (week: Int, event: Plan.Event), past: ArraySlice<Plan.WeekEntry>?, _ tw: TraineeWeeks, busy: BusyDays,
                      grid: WeekGrid) -> (week: Int, event: Plan.Event)? {
        guard let past, x.week < past.count else { return x }
        let e = x.event
        let home = e.kind == .sitIn && tw.plan.weeks[x.week].rotation == nil
        guard home || e.kind == .assessment || e.kind == .specialistBoard else { return nil }
        let year = tw.stYear(x.week)
        let had = past.indices.contains { w in
            tw.stYear(w) == year && past[w].events.contains { $0.kind == e.kind && (!home || past[w].rotation == nil) }
        }
        // The week must have a day free for a meeting: a week of course days has none (a board once fell on the
        // Wednesday of a five-day course).
        guard !had, let (w, day) = (past.count..<tw.count).lazy.compactMap({ w -> (Int, CivilDate)? in
            guard tw.stYear(w) == year, home ? tw.activity(w) == .home : tw.isPresent(w),
                  let day = busy.meetingDay(w, preferred: 2, grid: grid) else { return nil }
            return (w, day)
        }).first
        else { return nil }
        return (w, Plan.Event(kind: e.kind, date: day, subject: e.subject, with: e.with, hours: e.hours))
    }

    static func apply(_ sm: SupervisionModel, _ values: [Double], supervisor: SupervisorSpec?, grid: WeekGrid, scenario: Scenario,
                      to plan: inout Plan, problems: inout [String]) {
        for (i, m) in sm.members.enumerated() {
            let t = m.index
            let hours = m.supervision?.hours ?? 0
            for (w, v) in sm.meetings[i] where values[v.index] > 0.5 {
                plan.trainees[t].weeks[w].supervisionHours += hours
                plan.trainees[t].weeks[w].events.append(Plan.Event(kind: .supervision, date: m.meetingDates[w] ?? grid.monday(w).adding(days: m.day),
                                                                   with: supervisor?.id, hours: hours))
            }
            for (w, v, unit) in sm.study[i] { plan.trainees[t].weeks[w].selfStudyHours += Int(values[v.index].rounded()) * unit }
            if let first = sm.misses[i].first(where: { values[$0.v.index] > 1e-6 }) {
                let n = sm.misses[i].filter { values[$0.v.index] > 1e-6 }.count
                let key = supervisor.flatMap { s in scenario.supervisors.firstIndex { $0.id == s.id } }.map { "supervisors[\($0)].hours_per_month" } ?? "supervision"
                problems.append("\(plan.trainees[t].id): no supervision meeting in the home weeks \(grid.monday(first.from))–\(grid.monday(first.to).adding(days: 4)) "
                                + "(every \(first.every) weeks in ST year \(first.year + 1))\(n > 1 ? " and \(n - 1) more windows" : ""): "
                                + "\(supervisor?.name ?? "the supervisor") has too few hours; raise \(key) or give a trainee another supervisor")
            }
        }
        if let s = supervisor, let k = scenario.supervisors.firstIndex(where: { $0.id == s.id }) {
            for (month, v) in sm.overs where values[v.index] > 1e-6 {
                problems.append("\(s.name): \(month / 12)-\(month % 12 + 1 < 10 ? "0" : "")\(month % 12 + 1) needs \(JSONValue.format(s.hoursPerMonth + values[v.index])) h of supervision, "
                                + "hours_per_month is \(JSONValue.format(s.hoursPerMonth)); raise supervisors[\(k)].hours_per_month")
            }
        }
    }
}

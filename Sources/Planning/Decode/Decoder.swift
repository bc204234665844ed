import LinearModel
import ScenarioFormat
import STCore

/// Turns an assignment into a ``Plan``.
public enum Decoder {
    /// The plan that `a` describes.
    public static func plan(_ ctx: PlanningContext, _ a: Assignment, solve: Plan.SolveInfo) -> Plan {
        let grid = ctx.grid
        var unitLoad: [String: [Int]] = ctx.capacity.mapValues { _ in [Int](repeating: 0, count: grid.count) }
        var present = ctx.homes.map { _ in [Double](repeating: 0, count: grid.count) }
        var trainees: [Plan.TraineePlan] = []
        for (t, tc) in ctx.trainees.enumerated() {
            let ext = a.extensionWeeks[t]
            let home = ctx.homes[tc.home].unit.id
            let endWeek = tc.earliestEnd + ext
            var rotation = [(unit: String, id: String)?](repeating: nil, count: grid.count)
            var whole = [Activity?](repeating: nil, count: grid.count)
            var vacation = [Bool](repeating: false, count: grid.count)
            var courses = [[String]](repeating: [], count: grid.count)
            var research = [Double](repeating: 0, count: grid.count)
            var quality = [Double](repeating: 0, count: grid.count)
            for (r, ks) in a.chosen[t].enumerated() {
                let req = tc.requirements[r]
                for k in ks {
                    let c = ctx.candidates[t][r][k]
                    for w in c.start..<c.end {
                        switch req.kind {
                        case .rotation: rotation[w] = (c.unit!, req.id)
                        case .vacation: vacation[w] = true
                        case .course:
                            courses[w].append(req.id)
                            if c.placement == .full { whole[w] = .course }
                        case .research:
                            research[w] = c.share(at: w)
                            if c.placement == .full { whole[w] = .research }
                        case .quality:
                            quality[w] = c.share(at: w)
                            if c.placement == .full { whole[w] = .quality }
                        }
                    }
                }
            }
            let buffer = endWeek - tc.earliestEnd < tc.bufferWeeks.count ? Set(tc.bufferWeeks[endWeek - tc.earliestEnd]) : []
            var weeks: [Plan.WeekEntry] = []
            weeks.reserveCapacity(grid.count)
            var counted = tc.timeline.servedBefore
            let e = tc.spec.employment
            for w in grid.indices {
                let monday = grid.monday(w)
                if w < tc.timeline.startWeek {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .beforeStart, counts: 0))
                } else if w >= endWeek {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .afterEnd, counts: 0))
                } else if tc.timeline.leave[w] {
                    var e = Plan.WeekEntry(week: monday, activity: .leave, counts: 0)
                    e.leave = tc.timeline.leaveKind[w]?.rawValue
                    weeks.append(e)
                } else {
                    counted += e
                    if vacation[w] {
                        weeks.append(Plan.WeekEntry(week: monday, activity: .vacation, unit: rotation[w]?.unit, counts: e, rotation: rotation[w]?.id))
                        if let s = rotation[w] { unitLoad[s.unit]?[w] += 1 }
                    } else if let s = rotation[w] {
                        weeks.append(Plan.WeekEntry(week: monday, activity: .rotation, unit: s.unit, counts: e, rotation: s.id))
                        unitLoad[s.unit]?[w] += 1
                    } else if let activity = whole[w] {
                        weeks.append(Plan.WeekEntry(week: monday, activity: activity, counts: e, courses: courses[w].sorted(),
                                                    research: research[w], quality: quality[w]))
                    } else {
                        weeks.append(Plan.WeekEntry(week: monday, activity: buffer.contains(w) ? .buffer : .home, unit: home, counts: e,
                                                    courses: courses[w].sorted(), research: research[w], quality: quality[w]))
                    }
                }
            }
            // Home presence as the model counts it (the checker re-derives it from the weeks).
            let usage = ctx.usage(t, a.chosen[t], ext: ext)
            for w in grid.indices { present[tc.home][w] += usage.presence[w] }
            // The ST ends inside the horizon only when the scenario's timeline reaches its required weeks.
            let completion = tc.timeline.earliestEnd != nil && endWeek <= grid.count ? grid.monday(endWeek) : nil
            // Goals of the week's rotation and courses.
            let rotationGoals = Dictionary(tc.program.rotations.map { ($0.id, $0.goals) }, uniquingKeysWith: { a, _ in a })
            for i in weeks.indices {
                var goals = weeks[i].rotation.flatMap { rotationGoals[$0] } ?? []
                for c in weeks[i].courses { goals += ctx.scenario.course(c)?.goals ?? [] }
                var seen = Set<String>()
                weeks[i].goals = goals.filter { seen.insert($0).inserted }
            }
            var tp = Plan.TraineePlan(
                id: tc.spec.id, name: tc.spec.name, supervisor: tc.spec.supervisor, program: tc.program.id, start: tc.spec.start, requiredWeeks: Int(tc.timeline.required.rounded()),
                countedWeeks: counted, completion: completion,
                extensionWeeks: ext, weeks: weeks, blocks: Plan.blocks(of: weeks))
            tp.creditedWeeks = tc.spec.creditedWeeks > 0 ? tc.spec.creditedWeeks : nil
            trainees.append(tp)
        }
        let units = ctx.scenario.units.filter { !$0.home }.map { u in
            Plan.UnitLoad(id: u.id, load: unitLoad[u.id] ?? [], capacity: u.capacity == nil ? nil : ctx.capacity[u.id]!.map { $0 ?? 0 })
        }
        let staffing = ctx.homes.enumerated().map { h, home in
            Plan.Staffing(unit: home.unit.id, present: present[h], min: home.min, target: home.target,
                          shortage: grid.indices.map { max(0, Double(home.min[$0]) - present[h][$0]) })
        }
        var plan = Plan(scenario: ctx.scenario.title, calendar: .init(start: grid.start, weeks: grid.count, periods: ctx.scenario.calendar.periods.rawValue),
                        solve: solve, trainees: trainees, units: units, staffing: staffing)
        plan.catalog = catalog(ctx.scenario)
        return plan
    }

    /// The names and settings reports need, from the scenario.
    public static func catalog(_ s: Scenario) -> Plan.Catalog {
        var rotations: [Plan.Catalog.Named] = []
        for p in s.programs {
            for r in p.rotations where !rotations.contains(where: { $0.id == r.id }) {
                rotations.append(.init(id: r.id, name: r.units.map { s.unit($0)?.name ?? $0 }.joined(separator: " / ")))
            }
        }
        var selfStudy: [String: Double] = [:]
        for p in s.programs { if let h = p.selfStudy?.hoursPerWeek { selfStudy[p.id] = h } }
        return Plan.Catalog(units: s.units.map { .init(id: $0.id, name: $0.name) },
                            courses: s.courses.map { c in
                                .init(id: c.id, name: c.name, kind: c.kind.rawValue, sessions: c.sessions.map { .init(start: $0.start, days: $0.days) })
                            },
                            rotations: rotations,
                            supervisors: s.supervisors.map { .init(id: $0.id, name: $0.name, hoursPerMonth: $0.hoursPerMonth) },
                            selfStudy: selfStudy,
                            programs: s.programs.map { .init(id: $0.id, name: $0.name) },
                            goals: s.programs.flatMap { p in p.goals.map { .init(id: $0.id, name: $0.name, program: p.id) } })
    }
}

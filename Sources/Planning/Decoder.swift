import LinearModel
import ScenarioFormat
import STCore

/// Turns a solution of the planning model into a ``Plan``.
public enum Decoder {
    /// The plan that `values` describe. `values` must hold one value per model variable.
    public static func plan(_ pm: PlanningModel, values: [Double], solve: Plan.SolveInfo) -> Plan {
        let ctx = pm.context
        let grid = ctx.grid
        let home = ctx.scenario.homeUnit.id
        var unitLoad: [String: [Int]] = ctx.capacity.mapValues { _ in [Int](repeating: 0, count: grid.count) }
        var present = [Double](repeating: 0, count: grid.count)
        var trainees: [Plan.TraineePlan] = []
        for (t, tc) in ctx.trainees.enumerated() {
            let extension_ = pm.extended[t].reduce(0) { $0 + (values[$1.index] > 0.5 ? 1 : 0) }
            let endWeek = tc.earliestEnd + extension_
            var slot = [(unit: String, rotation: String)?](repeating: nil, count: grid.count)
            for (r, cands) in ctx.candidates[t].enumerated() {
                for (k, c) in cands.enumerated() where values[pm.block[t][r][k].index] > 0.5 {
                    for w in c.start..<c.end { slot[w] = (c.unit, tc.rotations[r].id) }
                }
            }
            var weeks: [Plan.WeekEntry] = []
            weeks.reserveCapacity(grid.count)
            var counted = tc.timeline.servedBefore
            for w in grid.indices {
                let monday = grid.monday(w)
                if w < tc.timeline.startWeek {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .beforeStart, counts: 0))
                } else if w >= endWeek {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .afterEnd, counts: 0))
                } else if tc.timeline.leave[w] {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .leave, counts: 0))
                } else if let s = slot[w] {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .rotation, unit: s.unit, counts: tc.spec.employment, rotation: s.rotation))
                    unitLoad[s.unit]?[w] += 1
                    counted += tc.spec.employment
                } else {
                    weeks.append(Plan.WeekEntry(week: monday, activity: .home, unit: home, counts: tc.spec.employment))
                    present[w] += tc.spec.employment
                    counted += tc.spec.employment
                }
            }
            // The ST ends inside the horizon only when the scenario's timeline reaches its required weeks.
            let completion = tc.timeline.earliestEnd != nil && endWeek <= grid.count ? grid.monday(endWeek) : nil
            trainees.append(Plan.TraineePlan(
                id: tc.spec.id, program: tc.program.id, start: tc.spec.start, requiredWeeks: Int(tc.timeline.required.rounded()),
                countedWeeks: counted, completion: completion,
                extensionWeeks: extension_, weeks: weeks, blocks: Plan.blocks(of: weeks)))
        }
        let units = ctx.scenario.units.filter { !$0.home }.map { u in
            Plan.UnitLoad(id: u.id, load: unitLoad[u.id] ?? [], capacity: u.capacity == nil ? nil : ctx.capacity[u.id]!.map { $0 ?? 0 })
        }
        let staffing = Plan.Staffing(
            unit: home, present: present, min: ctx.staffingMin, target: ctx.staffingTarget,
            shortage: grid.indices.map { max(0, Double(ctx.staffingMin[$0]) - present[$0]) })
        return Plan(scenario: ctx.scenario.title, calendar: .init(start: grid.start, weeks: grid.count), solve: solve,
                    trainees: trainees, units: units, staffing: [staffing])
    }
}

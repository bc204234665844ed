import LinearModel

extension PlanningModel {
    /// Home staffing, per home clinic. `pres[h,w]` is the employment-weighted presence at home clinic h of its
    /// program's trainees: each trainee in ST and
    /// not on leave counts their employment rate, less the share of the week spent elsewhere (whole-week work
    /// and vacation 1, a short course days/5, spread research or quality its share), plus `vacrot[t,w]` where a
    /// vacation week lies inside a rotation (so the week is not taken twice, ``addVacationInRotationRows()``). Fixed trainees add a constant.
    /// Soft rows: `staff` (pres + short ≥ min, short costs `staffing_shortage`) and `target` (pres + below ≥
    /// target, below costs `staffing_below_target`).
    mutating func addStaffingRows() throws {
        let grid = context.grid
        // terms[h][w]: the free trainees' presence at home clinic h (each trainee serves its program's).
        var terms = context.homes.map { _ in [[LinearTerm]](repeating: [], count: grid.count) }
        var constant = fixedPresence
        for t in free {
            let tc = context.trainees[t]
            let e = tc.spec.employment
            let h = tc.home
            for w in max(0, tc.timeline.startWeek)..<max(0, min(grid.count, tc.earliestEnd)) where !tc.timeline.leave[w] { constant[h][w] += e }
            for (j, v) in extended[t].enumerated() where !tc.timeline.leave[tc.earliestEnd + j] {
                terms[h][tc.earliestEnd + j].append(LinearTerm(v, e))
            }
            for (w, cover) in covering[t].enumerated() where !cover.isEmpty {
                for c in cover { terms[h][w].append(LinearTerm(c.v, -e * c.share)) }
                // A vacation week inside a rotation is away once (``addVacationInRotationRows()``).
                if let u = vacationInRotation[t][w] { terms[h][w].append(LinearTerm(u, e)) }
            }
        }
        let weights = context.scenario.weights
        presence = []; shortage = []; belowTarget = []
        for (h, staffing) in context.homes.enumerated() {
            let home = staffing.unit.id
            var pres: [VariableID] = [], short: [VariableID] = [], below: [VariableID] = []
            for w in grid.indices {
                let label = context.label(w)
                let p = try model.addVariable("pres[\(home),\(label)]", lower: nil, upper: nil)
                pres.append(p)
                try addRow(RowTag(.presence, unit: home, week: w), "presdef[\(home),\(label)]", [LinearTerm(p)] + terms[h][w].map { LinearTerm($0.variable, -$0.coefficient) }, .equal(constant[h][w]))
                let s = try model.addVariable("short[\(home),\(label)]", lower: 0, upper: Double(staffing.min[w]))
                short.append(s)
                try cost("staffing_shortage", s, weights.staffingShortage)
                if staffing.min[w] > 0 {
                    try addRow(RowTag(.staffingMin, unit: home, week: w), "staff[\(home),\(label)]", [LinearTerm(p), LinearTerm(s)], .greaterOrEqual(Double(staffing.min[w])))
                }
                let b = try model.addVariable("below[\(home),\(label)]", lower: 0, upper: Double(staffing.target[w]))
                below.append(b)
                try cost("staffing_below_target", b, weights.staffingBelowTarget)
                if staffing.target[w] > 0 {
                    try addRow(RowTag(.staffingTarget, unit: home, week: w), "target[\(home),\(label)]", [LinearTerm(p), LinearTerm(b)], .greaterOrEqual(Double(staffing.target[w])))
                }
            }
            presence.append(pres); shortage.append(short); belowTarget.append(below)
        }
    }
}

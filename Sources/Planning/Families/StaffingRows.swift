import LinearModel

extension PlanningModel {
    /// Home staffing: present(w) = Σ employment × (in ST at home in week w). Shortage below `min` and below
    /// `target` are soft, costing `weights.staffing_shortage` and `weights.staffing_below_target` per trainee-week.
    ///
    ///     short[w] + Σ e·ext − Σ e·(rotation blocks covering w) ≥ min[w] − Σ e·(fixed ST weeks)
    mutating func addStaffingRows() throws {
        let grid = context.grid
        var fixed = [Double](repeating: 0, count: grid.count)
        var terms = [[LinearTerm]](repeating: [], count: grid.count)
        for (t, tc) in context.trainees.enumerated() {
            let e = tc.spec.employment
            for w in grid.indices where w >= tc.timeline.startWeek && !tc.timeline.leave[w] {
                if w < tc.earliestEnd { fixed[w] += e }
                else if w - tc.earliestEnd < extended[t].count { terms[w].append(LinearTerm(extended[t][w - tc.earliestEnd], e)) }
            }
            for (w, cover) in covering[t].enumerated() {
                for (_, v) in cover { terms[w].append(LinearTerm(v, -e)) }
            }
        }
        let weights = context.scenario.weights
        let home = context.scenario.homeUnit.id
        shortage = []
        belowTarget = []
        for w in grid.indices {
            let s = try model.addVariable("short[\(home),\(context.label(w))]", lower: 0, upper: Double(context.staffingMin[w]))
            shortage.append(s)
            try cost("staffing_shortage", s, weights.staffingShortage)
            if context.staffingMin[w] > 0 {
                try model.addRow("staff[\(home),\(context.label(w))]", terms[w] + [LinearTerm(s)], .greaterOrEqual(Double(context.staffingMin[w]) - fixed[w]))
            }
            let b = try model.addVariable("below[\(home),\(context.label(w))]", lower: 0, upper: Double(context.staffingTarget[w]))
            belowTarget.append(b)
            try cost("staffing_below_target", b, weights.staffingBelowTarget)
            if context.staffingTarget[w] > 0 {
                try model.addRow("target[\(home),\(context.label(w))]", terms[w] + [LinearTerm(b)], .greaterOrEqual(Double(context.staffingTarget[w]) - fixed[w]))
            }
        }
    }
}

import LinearModel

extension PlanningModel {
    /// Each requirement is met: `once` (Σ candidates = 1, or within 1…split_max for split rotations, or the
    /// year's number of vacation weeks) and, for split rotations, `total` (Σ block lengths = the rotation's weeks).
    /// A requirement without candidates makes the model infeasible; the planner explains that before solving.
    mutating func addAssignmentRows() throws {
        for t in free {
            let tc = context.trainees[t]
            for (r, vars) in block[t].enumerated() {
                let req = tc.requirements[r]
                let bounds: RowBounds = req.minCount == req.maxCount ? .equal(Double(req.minCount)) : .ranged(Double(req.minCount), Double(req.maxCount))
                try addRow(RowTag(.once, trainee: t, requirement: r), "once[\(tc.spec.id),\(req.id)]", vars.map { LinearTerm($0) }, bounds)
                if let total = req.totalWeeks {
                    let terms = vars.indices.map { LinearTerm(vars[$0], Double(context.candidates[t][r][$0].amount)) }
                    try addRow(RowTag(.total, trainee: t, requirement: r), "total[\(tc.spec.id),\(req.id)]", terms, .equal(Double(total)))
                }
            }
        }
    }
}

import LinearModel

extension PlanningModel {
    /// Each rotation still to plan is done exactly once: Σ blocks = 1.
    /// A rotation with no possible block makes the model infeasible, which the planner explains before solving.
    mutating func addAssignmentRows() throws {
        for (t, rotations) in block.enumerated() {
            for (r, vars) in rotations.enumerated() {
                let rot = context.trainees[t].rotations[r]
                try model.addRow("once[\(context.trainees[t].spec.id),\(rot.id)]", vars.map { LinearTerm($0) }, .equal(1))
            }
        }
    }
}

import LinearModel

extension PlanningModel {
    /// Lengths short of preferred: a research candidate costs `weights.research_short_week` per week it is shorter
    /// than the program's preferred length (`research.weeks.preferred`, default the maximum), a block of a rotation
    /// in one block `weights.rotation_short_week` per week short of its `weeks.preferred` (without one the rotation
    /// has blocks of its minimum only, and no cost). The prices are ``PlanningContext/shortCost(_:_:_:)``'s.
    mutating func addLengthCosts() throws {
        for t in free {
            for r in context.trainees[t].requirements.indices {
                for (k, c) in context.candidates[t][r].enumerated() {
                    guard let s = context.shortCost(t, r, c), s.cost != 0 else { continue }
                    try cost(s.term, block[t][r][k], s.cost)
                }
            }
        }
    }
}

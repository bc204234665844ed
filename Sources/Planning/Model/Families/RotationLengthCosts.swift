import LinearModel
import ScenarioFormat

extension PlanningModel {
    /// A rotation's length: a block of a rotation in one block costs `weights.rotation_short_week` per week it is
    /// shorter than the rotation's preferred length (`weeks: {min, max, preferred}`; without preferred the rotation
    /// has blocks of its minimum only, and no cost).
    mutating func addRotationLengthCosts() throws {
        let weight = context.scenario.weights.rotationShortWeek
        guard weight != 0 else { return }
        for t in free {
            for (r, req) in context.trainees[t].requirements.enumerated() where req.kind == .rotation && req.totalWeeks == nil {
                guard let rot = req.rotation, rot.preferredWeeks > rot.minWeeks else { continue }
                for (k, c) in context.candidates[t][r].enumerated() where c.amount < rot.preferredWeeks {
                    try cost("rotation_short", block[t][r][k], weight * Double(rot.preferredWeeks - c.amount))
                }
            }
        }
    }
}

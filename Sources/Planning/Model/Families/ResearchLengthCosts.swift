import LinearModel
import ScenarioFormat

extension PlanningModel {
    /// The research's length: a research candidate costs `weights.research_short_week` per week it is shorter
    /// than the program's preferred length (`research.weeks.preferred`, default the maximum).
    mutating func addResearchLengthCosts() throws {
        let weight = context.scenario.weights.researchShortWeek
        guard weight != 0 else { return }
        for t in free {
            let tc = context.trainees[t]
            guard let r = tc.requirements.firstIndex(where: { $0.kind == .research }), let spec = tc.program.research else { continue }
            for (k, c) in context.candidates[t][r].enumerated() where c.amount < spec.preferredWeeks {
                try cost("research_short", block[t][r][k], weight * Double(spec.preferredWeeks - c.amount))
            }
        }
    }
}

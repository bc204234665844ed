import LinearModel
import ScenarioFormat
import STCore

extension PlanningModel {
    /// Soft preferences: a block costs `weights.preference` per week it lies before `not_before` or after
    /// `not_after`, and per week at a unit other than a preferred `unit`.
    mutating func addPreferenceCosts() throws {
        let weight = context.scenario.weights.preference
        for t in free {
            let tc = context.trainees[t]
            for pref in tc.spec.preferences {
                guard let r = tc.requirements.firstIndex(where: { $0.kind == .rotation && $0.id == pref.rotation }) else { continue }
                for (k, c) in context.candidates[t][r].enumerated() {
                    let missed = Self.missedPreferenceWeeks(pref, c, grid: context.grid)
                    if missed > 0 { try cost("preference", block[t][r][k], weight * Double(missed)) }
                }
            }
        }
    }

    /// Weeks of block `c` that miss `pref`.
    static func missedPreferenceWeeks(_ pref: ScenarioFormat.PreferenceSpec, _ c: Candidate, grid: WeekGrid) -> Int {
        var missed = 0
        for w in c.start..<c.end {
            let monday = grid.monday(w)
            if let nb = pref.notBefore, monday.adding(days: 6) < nb { missed += 1; continue }
            if let na = pref.notAfter, monday > na { missed += 1; continue }
            if let u = pref.unit, u != c.unit { missed += 1 }
        }
        return missed
    }
}

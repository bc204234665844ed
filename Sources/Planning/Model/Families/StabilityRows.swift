import LinearModel

extension PlanningModel {
    /// A replan's stability family (only when the goal asks for it):
    /// - the change cost `changeWeight` × (Σ chosen candidates' ``Candidate/changeCost`` + |extension − the old
    ///   plan's|), written linearly: an extension week the old plan had costs −1 (with +1 in the constant), one
    ///   it did not costs +1;
    /// - `hardlimit`: extension + staffing shortage ≤ `hardLimit`, and `totallimit`: the plan objective ≤
    ///   `totalLimit` (each less what the fixed trainees contribute).
    mutating func addStabilityRows() throws {
        if goal.changeWeight != 0 {
            for t in free {
                for (r, vars) in block[t].enumerated() {
                    for (k, v) in vars.enumerated() {
                        let c = context.candidates[t][r][k].changeCost
                        if c != 0 { try model.addObjective(v, goal.changeWeight * c) }
                    }
                }
                guard let ref = context.trainees[t].referenceExtension else { continue }
                for (j, v) in extended[t].enumerated() { try model.addObjective(v, goal.changeWeight * (j < ref ? -1 : 1)) }
                termConstants["change", default: 0] += Double(min(ref, extended[t].count))
            }
        }
        func limitRow(_ family: RowFamily, _ names: [String], _ limit: Double) throws {
            var coefficients: [VariableID: Double] = [:]
            for n in names { for (v, c) in terms[n] ?? [] { coefficients[v, default: 0] += c } }
            let constant = names.reduce(0) { $0 + (termConstants[$1] ?? 0) }
            try addRow(RowTag(family), family.rawValue, coefficients.keys.sorted().map { LinearTerm($0, coefficients[$0]!) }, .lessOrEqual(limit - constant + 1e-6))
        }
        if let h = goal.hardLimit { try limitRow(.hardLimit, Goal.hardTerms, h) }
        if let z = goal.totalLimit { try limitRow(.totalLimit, Self.termNames, z) }
    }
}

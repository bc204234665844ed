import LinearModel

extension PlanningModel {
    /// `ext[t,j]`: the ST of trainee t still runs in week earliestEnd + j. Costs `weights.extension_week` each.
    mutating func addExtensionVariables() throws {
        extended = try context.trainees.map { tc in
            try (0..<tc.maxExtension).map { j in
                let v = try model.addVariable("ext[\(tc.spec.id),\(context.label(tc.earliestEnd + j))]", kind: .binary)
                try cost("extension", v, context.scenario.weights.extensionWeek)
                return v
            }
        }
    }

    /// Extensions are contiguous (ext[j+1] ≤ ext[j]) and every rotation lies inside the ST: a rotation
    /// whose block reaches week earliestEnd + j needs ext[j].
    mutating func addExtensionRows() throws {
        for (t, tc) in context.trainees.enumerated() {
            let ext = extended[t]
            for j in ext.indices.dropFirst() {
                try model.addRow("extorder[\(tc.spec.id),\(context.label(tc.earliestEnd + j))]",
                                 [LinearTerm(ext[j]), LinearTerm(ext[j - 1], -1)], .lessOrEqual(0))
            }
            for (r, cands) in context.candidates[t].enumerated() {
                for j in ext.indices {
                    let week = tc.earliestEnd + j
                    let late = cands.indices.filter { cands[$0].end > week }.map { LinearTerm(block[t][r][$0]) }
                    guard !late.isEmpty else { continue }
                    try model.addRow("inst[\(tc.spec.id),\(tc.rotations[r].id),\(context.label(week))]",
                                     late + [LinearTerm(ext[j], -1)], .lessOrEqual(0))
                }
            }
        }
    }
}

import LinearModel

extension PlanningModel {
    /// `ext[t,week]`: the ST of trainee t still runs in week earliestEnd + j. Costs `weights.extension_week` each.
    mutating func addExtensionVariables() throws {
        let freeSet = Set(free)
        extended = try context.trainees.indices.map { t in
            guard freeSet.contains(t) else { return [] }
            let tc = context.trainees[t]
            return try (0..<tc.maxExtension).map { j in
                // A replan pins the weeks before its date: in ST below the floor, ended from the ceiling on.
                let v = try model.addVariable("ext[\(tc.spec.id),\(context.label(tc.earliestEnd + j))]", kind: .binary,
                                              lower: j < tc.extensionFloor ? 1 : 0, upper: tc.extensionCeiling.map { j < $0 ? 1 : 0 } ?? 1)
                try cost("extension", v, context.scenario.weights.extensionWeek)
                return v
            }
        }
    }

    /// Extensions are contiguous (`extorder`: ext[j+1] ≤ ext[j]) and everything planned lies inside the ST
    /// (`inst`: the candidates of a requirement that end in week e > earliestEnd need ext[e − earliestEnd − 1]).
    mutating func addExtensionRows() throws {
        for t in free {
            let tc = context.trainees[t]
            let ext = extended[t]
            for j in ext.indices.dropFirst() {
                try addRow(RowTag(.extensionOrder, trainee: t, week: tc.earliestEnd + j), "extorder[\(tc.spec.id),\(context.label(tc.earliestEnd + j))]",
                                 [LinearTerm(ext[j]), LinearTerm(ext[j - 1], -1)], .lessOrEqual(0))
            }
            for (r, cands) in context.candidates[t].enumerated() {
                var byEnd: [Int: [VariableID]] = [:]
                for (k, c) in cands.enumerated() where c.end > tc.earliestEnd { byEnd[c.end, default: []].append(block[t][r][k]) }
                let n = Double(tc.requirements[r].maxCount)
                for e in byEnd.keys.sorted() {
                    let j = e - tc.earliestEnd - 1
                    try addRow(RowTag(.extensionInstant, trainee: t, requirement: r, week: e - 1), "inst[\(tc.spec.id),\(tc.requirements[r].id),\(context.label(e - 1))]",
                                     byEnd[e]!.map { LinearTerm($0) } + [LinearTerm(ext[j], -n)], .lessOrEqual(0))
                }
            }
        }
    }
}

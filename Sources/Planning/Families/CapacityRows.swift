import LinearModel

extension PlanningModel {
    /// A receiving unit takes at most its capacity of rotating trainees a week. Closed weeks have no
    /// candidates at all (pruned), so rows are only written where the candidates could exceed the capacity.
    mutating func addCapacityRows() throws {
        var cover: [String: [[VariableID]]] = [:]
        for (unit, _) in context.capacity { cover[unit] = Array(repeating: [], count: context.grid.count) }
        for (t, rotations) in context.candidates.enumerated() {
            for (r, cands) in rotations.enumerated() {
                for (k, c) in cands.enumerated() {
                    for w in c.start..<c.end { cover[c.unit]![w].append(block[t][r][k]) }
                }
            }
        }
        for unit in context.capacity.keys.sorted() {
            let caps = context.capacity[unit]!
            for (w, vars) in cover[unit]!.enumerated() {
                guard let cap = caps[w], vars.count > cap else { continue }
                try model.addRow("cap[\(unit),\(context.label(w))]", vars.map { LinearTerm($0) }, .lessOrEqual(Double(cap)))
            }
        }
    }
}

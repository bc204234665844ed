import LinearModel

extension PlanningModel {
    /// A receiving unit takes at most its capacity of rotating trainees a week (vacation inside a rotation keeps
    /// the place), less what fixed trainees use. Closed weeks have no candidates at all (pruned), so rows are only
    /// written where the candidates could exceed what is left.
    mutating func addCapacityRows() throws {
        var cover: [String: [[VariableID]]] = context.capacity.mapValues { _ in Array(repeating: [], count: context.grid.count) }
        for t in free {
            for (r, cands) in context.candidates[t].enumerated() {
                for (k, c) in cands.enumerated() {
                    guard let u = c.unit else { continue }
                    for w in c.start..<c.end { cover[u]![w].append(block[t][r][k]) }
                }
            }
        }
        for unit in context.capacity.keys.sorted() {
            let caps = context.capacity[unit]!
            for (w, vars) in cover[unit]!.enumerated() {
                guard let cap = caps[w] else { continue }
                let left = cap - fixedLoad[unit]![w]
                guard vars.count > left else { continue }
                try model.addRow("cap[\(unit),\(context.label(w))]", vars.map { LinearTerm($0) }, .lessOrEqual(Double(left)))
            }
        }
    }
}

import LinearModel

extension PlanningModel {
    /// A receiving unit takes at most its capacity of rotating trainees a week (vacation inside a rotation keeps
    /// the place), less what fixed trainees use. Closed weeks have no candidates at all (pruned), so rows are only
    /// written where the candidates could exceed what is left. A unit's week sums what ``covering`` holds there:
    /// the occupancy of each group of blocks (``addOccupancyRows()``, each at most 1) and any block summed directly.
    mutating func addCapacityRows() throws {
        var cover: [String: [[VariableID]]] = context.capacity.mapValues { _ in Array(repeating: [], count: context.grid.count) }
        for t in free {
            for (w, entries) in covering[t].enumerated() {
                for c in entries { if let u = c.unit, cover[u] != nil { cover[u]![w].append(c.v) } }
            }
        }
        for unit in context.capacity.keys.sorted() {
            let caps = context.capacity[unit]!
            for (w, vars) in cover[unit]!.enumerated() {
                guard let cap = caps[w] else { continue }
                let left = cap - fixedLoad[unit]![w]
                guard vars.count > left else { continue }
                try addRow(RowTag(.capacity, unit: unit, week: w), "cap[\(unit),\(context.label(w))]", vars.map { LinearTerm($0) }, .lessOrEqual(Double(left)))
            }
        }
    }
}

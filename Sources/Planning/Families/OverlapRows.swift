import LinearModel

extension PlanningModel {
    /// A trainee is in at most one rotation a week: rows only where blocks of two rotations can meet.
    mutating func addOverlapRows() throws {
        for t in block.indices {
            for (w, cover) in covering[t].enumerated() {
                guard Set(cover.map(\.0)).count > 1 else { continue }
                try model.addRow("one[\(context.trainees[t].spec.id),\(context.label(w))]", cover.map { LinearTerm($0.1) }, .lessOrEqual(1))
            }
        }
    }
}

import LinearModel

extension PlanningModel {
    /// One binary per candidate block: `y[trainee,rotation,unit,week(,length)]`.
    mutating func addBlockVariables() throws {
        block = try context.candidates.enumerated().map { t, rotations in
            try rotations.enumerated().map { r, cands in
                let rot = context.trainees[t].rotations[r]
                return try cands.map { c in
                    let len = rot.minWeeks == rot.maxWeeks ? "" : ",\(c.length)"
                    return try model.addVariable("y[\(context.trainees[t].spec.id),\(rot.id),\(c.unit),\(context.label(c.start))\(len)]", kind: .binary)
                }
            }
        }
    }
}

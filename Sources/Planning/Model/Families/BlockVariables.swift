import LinearModel

extension PlanningModel {
    /// One binary per candidate of a free trainee: `y[trainee,requirement,unit,week(,length)]` for rotations (the length when a rotation has several),
    /// `y[trainee,course,s<session>]` for courses, `y[trainee,research,week,weeks]` for research of several lengths
    /// and `y[trainee,requirement,week]` for the rest. A replan's forced candidates have lower bound 1.
    mutating func addBlockVariables() throws {
        let freeSet = Set(free)
        block = try context.candidates.enumerated().map { t, requirements in
            guard freeSet.contains(t) else { return requirements.map { _ in [] } }
            let tc = context.trainees[t]
            return try requirements.enumerated().map { r, cands in
                let req = tc.requirements[r]
                return try cands.map { c in
                    let name: String
                    if let s = c.session { name = "y[\(tc.spec.id),\(req.id),s\(s)]" }
                    else if let u = c.unit {
                        name = "y[\(tc.spec.id),\(req.id),\(u),\(context.label(c.start))\(Self.lengthLabel(c, req))]"
                    } else if req.kind == .research, let r = tc.program.research, r.minWeeks != r.preferredWeeks {
                        // Research of several lengths: the weeks of work name the candidate too.
                        name = "y[\(tc.spec.id),\(req.id),\(context.label(c.start)),\(c.amount)]"
                    } else { name = "y[\(tc.spec.id),\(req.id),\(context.label(c.start))]" }
                    return try model.addVariable(name, kind: .binary, lower: c.forced ? 1 : 0)
                }
            }
        }
    }

    /// The end of a rotation block's name: nothing for a rotation of one length, `,length` for one of several
    /// (split, or with a preferred length), and `,worked+vacation` under `extends`, where a block of one length
    /// may be 12 weeks worked and 2 of vacation or 14 worked.
    static func lengthLabel(_ c: Candidate, _ req: Requirement) -> String {
        if req.rotation?.vacation == .extends { return ",\(c.amount)+\(c.vacationInside)" }
        let several = req.totalWeeks != nil || req.hasPreferredLength
        return several ? ",\(c.length)" : ""
    }
}

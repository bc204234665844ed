import LinearModel

extension PlanningModel {
    /// Vacation inside a rotation: a vacation week that lies in a rotation block of 8 weeks or more is away from
    /// home once, not twice. Per trainee and week w where both can happen, `u[t,w]` (``vacationInRotation``) is 1
    /// when both do; the staffing rows add it back to the home presence.
    /// - `vacrot1[t,w]`: u ≤ the holding rotation blocks covering w;
    /// - `vacrot2[t,w]`: u ≤ the vacation covering w;
    /// - `vacrotcap[t,rotations]`: Σ_w u ≤ Σ_r Σ_k M_k · y_k over the rotations' holding blocks, where M_k is the most
    ///   vacation weeks block k can hold (``vacationRoom(_:)``).
    ///
    /// The cap is what makes the LP honest. Without it the LP spreads each rotation thinly over many weeks and the
    /// vacation with it, and every vacation week of the ST is "inside a rotation" at once: one obstetrics trainee
    /// alone had 25 vacation weeks inside rotations in the LP against 15 in any plan (a 1.9 % gap GLPK did not
    /// close in 10 s; with the cap the LP bound is the optimum). The cap holds for every plan: a block holds at
    /// most the vacation weeks that can lie in its weeks. One row a trainee, not one a rotation: a u per rotation
    /// and week made the 80-trainee model 93 000 rows and columns larger and its build 1.5 times as slow, for the
    /// same bounds on the programmes in `Scenarios/`.
    mutating func addVacationInRotationRows() throws {
        vacationInRotation = context.trainees.map { _ in [:] }
        for t in free {
            let tc = context.trainees[t]
            let id = tc.spec.id
            var held: [VariableID] = []
            var rotations = Set<Int>()
            for (w, cover) in covering[t].enumerated() where cover.count > 1 {
                var holding: [LinearTerm] = [], vacation: [LinearTerm] = []
                for c in cover {
                    if c.holdsVacation { holding.append(LinearTerm(c.v, -1)); rotations.insert(c.r) }
                    if c.placement == .vacation { vacation.append(LinearTerm(c.v, -1)) }
                }
                guard !holding.isEmpty, !vacation.isEmpty else { continue }
                let label = context.label(w)
                let u = try model.addVariable("vacrot[\(id),\(label)]", lower: 0, upper: 1)
                vacationInRotation[t][w] = u
                held.append(u)
                try addRow(RowTag(.vacationInRotationRotation, trainee: t, week: w), "vacrot1[\(id),\(label)]", [LinearTerm(u)] + holding, .lessOrEqual(0))
                try addRow(RowTag(.vacationInRotationVacation, trainee: t, week: w), "vacrot2[\(id),\(label)]", [LinearTerm(u)] + vacation, .lessOrEqual(0))
            }
            guard !held.isEmpty else { continue }
            let room = vacationRoom(t)
            var terms = held.map { LinearTerm($0) }
            var cap = 0.0
            var most = 0
            for r in rotations.sorted() {
                let req = tc.requirements[r]
                var rooms: [(k: Int, m: Int)] = []
                for (k, c) in context.candidates[t][r].enumerated() where c.holdsVacation { rooms.append((k, min(c.length, room(c.start, c.end)))) }
                most += req.maxCount * (rooms.map(\.m).max() ?? 0)
                // Σ_k M_k y_k = base · Σ_k y_k + Σ_k (M_k − base) y_k around the commonest M: unsplit, Σ_k y_k = 1
                // and the blocks with that room take no term of their own. A split rotation takes 1…split_max
                // blocks, so every block that can hold vacation has its term (a base times split_max instead of
                // Σ_k y_k left one microbiology trainee's bound 0.35 % short, against 0.04 %).
                var base = 0
                if req.totalWeeks == nil {
                    var tally: [Int: Int] = [:]
                    for x in rooms { tally[x.m, default: 0] += 1 }
                    base = tally.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
                }
                for x in rooms where x.m != base { terms.append(LinearTerm(block[t][r][x.k], -Double(x.m - base))) }
                cap += Double(base)
            }
            // When the blocks with the most room could hold vacation in every week a vacrot exists for, the row
            // cuts only plans that use other blocks; it is left out (a cut left out is never wrong).
            guard most < held.count else { continue }
            try addRow(RowTag(.vacationInRotationCap, trainee: t), "vacrotcap[\(id),rotations]", terms, .lessOrEqual(cap))
        }
    }

    /// The most vacation weeks of trainee t that can lie in the weeks `start..<end`
    /// (``PlanningContext/vacationRoom(requirements:candidates:weeks:)``).
    func vacationRoom(_ t: Int) -> (Int, Int) -> Int {
        PlanningContext.vacationRoom(requirements: context.trainees[t].requirements, candidates: context.candidates[t], weeks: context.grid.count)
    }
}

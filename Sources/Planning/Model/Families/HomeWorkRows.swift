import LinearModel

extension PlanningModel {
    /// Work at home fits the week, and a trainee attends one course a day. Per trainee:
    /// - `homework[t,w]`: the shares of the week taken by short courses (days / 5), spread research and spread
    ///   quality work add up to at most the whole week, where they could exceed it;
    /// - `clash[t,a,b,k,l]`: session k of course a and session l of course b share a working day, so at most one
    ///   of them is chosen (two 2-day courses on the same Monday and Tuesday fit the week's days but not the days).
    ///
    /// Regression: in a region whose two BT courses met on the same three days, GLPK sent trainees to both, the
    /// checker passed it, and the presence the model counted (1 − 6/5 of a week) differed from the plan's.
    mutating func addHomeWorkRows() throws {
        for t in free {
            let id = context.trainees[t].spec.id
            for (w, cover) in covering[t].enumerated() where cover.count > 1 {
                var most: [Int: Double] = [:]
                var terms: [LinearTerm] = []
                for c in cover where c.placement == .atHome && c.share > 0 {
                    most[c.r] = max(most[c.r] ?? 0, c.share)
                    terms.append(LinearTerm(c.v, c.share))
                }
                guard most.count > 1, most.values.reduce(0, +) > 1 + 1e-9 else { continue }
                try addRow(RowTag(.homeWork, trainee: t, week: w), "homework[\(id),\(context.label(w))]", terms, .lessOrEqual(1))
            }
            // Course sessions of this trainee by requirement, with their working days.
            let reqs = context.trainees[t].requirements
            var sessions: [(r: Int, k: Int, days: Set<Int>)] = []
            for r in reqs.indices where reqs[r].kind == .course {
                guard let days = context.sessionWorkingDays[reqs[r].id] else { continue }
                for (k, c) in context.candidates[t][r].enumerated() {
                    guard let s = c.session, s < days.count else { continue }
                    sessions.append((r, k, days[s]))
                }
            }
            for i in sessions.indices {
                for j in sessions.indices where j > i && sessions[j].r != sessions[i].r && !sessions[i].days.isDisjoint(with: sessions[j].days) {
                    let a = sessions[i], b = sessions[j]
                    try addRow(RowTag(.courseClash, trainee: t, requirement: a.r),
                               "clash[\(id),\(reqs[a.r].id),\(reqs[b.r].id),\(a.k),\(b.k)]",
                               [LinearTerm(block[t][a.r][a.k]), LinearTerm(block[t][b.r][b.k])], .lessOrEqual(1))
                }
            }
        }
    }
}

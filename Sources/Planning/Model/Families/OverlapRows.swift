import LinearModel

extension PlanningModel {
    /// A trainee does one thing a week. Per week (rows only where two candidates can meet):
    /// - `one`: at most one whole-week activity (rotation, course week, research or quality block);
    /// - `vac`: vacation never meets a whole-week activity, except a rotation block of 8 weeks or more;
    /// - `home`/`homev`: work done at home (a short course, spread research or quality) needs a home week: it meets
    ///   no whole-week activity (`home`) and no vacation (`homev`); shares of different works may add up in a week.
    mutating func addOverlapRows() throws {
        for t in free {
            let id = context.trainees[t].spec.id
            for (w, cover) in covering[t].enumerated() where cover.count > 1 {
                let label = context.label(w)
                var full: [LinearTerm] = [], fullShort: [LinearTerm] = [], vac: [LinearTerm] = []
                var home: [Int: [LinearTerm]] = [:]
                for c in cover {
                    switch c.placement {
                    case .full:
                        full.append(LinearTerm(c.v))
                        if !c.holdsVacation { fullShort.append(LinearTerm(c.v)) }
                    case .vacation: vac.append(LinearTerm(c.v))
                    case .atHome: home[c.r, default: []].append(LinearTerm(c.v))
                    }
                }
                if full.count > 1 { try addRow(RowTag(.oneActivity, trainee: t, week: w), "one[\(id),\(label)]", full, .lessOrEqual(1)) }
                if !vac.isEmpty, !fullShort.isEmpty { try addRow(RowTag(.vacationOverlap, trainee: t, week: w), "vac[\(id),\(label)]", vac + fullShort, .lessOrEqual(1)) }
                for r in home.keys.sorted() {
                    let req = context.trainees[t].requirements[r].id
                    if !full.isEmpty { try addRow(RowTag(.home, trainee: t, requirement: r, week: w), "home[\(id),\(req),\(label)]", home[r]! + full, .lessOrEqual(1)) }
                    if !vac.isEmpty { try addRow(RowTag(.homeVacation, trainee: t, requirement: r, week: w), "homev[\(id),\(req),\(label)]", home[r]! + vac, .lessOrEqual(1)) }
                }
            }
        }
    }
}

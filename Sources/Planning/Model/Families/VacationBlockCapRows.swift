import LinearModel

extension PlanningModel {
    /// `max_vacation_weeks_in_block: N`: at most N vacation weeks inside one block of the rotation. Per holding
    /// block k whose weeks can hold more than N (M_k, ``vacationRoom(_:)``):
    /// - `vacblock[t,r,unit,week(,length)]`: Σ_{w in k} u[t,w] + (M_k − N) · y_k ≤ M_k,
    /// where u[t,w] is the vacation inside a rotation in week w (``addVacationInRotationRows()``). With y_k = 1 the
    /// block holds at most N; with y_k = 0 the row says only what every plan keeps (the span's weeks hold at most
    /// M_k vacation weeks, whichever rotation holds them). Only rotations with the key get rows.
    ///
    /// `vacation_in_rotation: extends`: a block j weeks longer than the weeks worked holds exactly j vacation weeks:
    /// the cap row with N = j, and `vacext[t,r,unit,week,length]`: j · y_k ≤ Σ_{w in k} u[t,w]. Its block of no
    /// extension holds none (it is not a holding block).
    ///
    /// u is otherwise free to stay 0 (the staffing rows only gain from it), which would let a block hold more than
    /// N uncounted; so in every week such a block covers:
    /// - `vacblockon[t,w]`: the holding blocks and the vacation covering w, less u[t,w], at most 1 (u is 1 when both are).
    mutating func addVacationBlockCapRows() throws {
        for t in free {
            let tc = context.trainees[t]
            var room: ((Int, Int) -> Int)?
            var weeks = Set<Int>()
            for (r, req) in tc.requirements.enumerated() where req.kind == .rotation {
                guard let rot = req.rotation else { continue }
                let extends = rot.vacation == .extends
                guard extends || rot.maxVacationWeeksInBlock != nil else { continue }
                for (k, c) in context.candidates[t][r].enumerated() where c.holdsVacation {
                    // Under extends a block holds exactly the weeks it is longer by: at most and at least.
                    let cap = extends ? c.vacationInside : rot.maxVacationWeeksInBlock!
                    let us = (c.start..<c.end).compactMap { vacationInRotation[t][$0] }
                    let label = "\(tc.spec.id),\(req.id),\(c.unit ?? "-"),\(context.label(c.start)),\(c.length)\(extends ? "+\(c.vacationInside)" : "")"
                    if extends, cap > 0 {
                        try addRow(RowTag(.vacationBlockExtends, trainee: t, requirement: r, week: c.start), "vacext[\(label)]",
                                   [LinearTerm(block[t][r][k], Double(cap))] + us.map { LinearTerm($0, -1) }, .lessOrEqual(0))
                        weeks.formUnion((c.start..<c.end).filter { vacationInRotation[t][$0] != nil })
                    }
                    if room == nil { room = vacationRoom(t) }
                    let most = min(c.length, room!(c.start, c.end))
                    guard most > cap, us.count > cap else { continue }
                    try addRow(RowTag(.vacationBlockCap, trainee: t, requirement: r, week: c.start), "vacblock[\(label)]",
                               us.map { LinearTerm($0) } + [LinearTerm(block[t][r][k], Double(most - cap))], .lessOrEqual(Double(most)))
                    weeks.formUnion((c.start..<c.end).filter { vacationInRotation[t][$0] != nil })
                }
            }
            for w in weeks.sorted() {
                guard let u = vacationInRotation[t][w] else { continue }
                var terms = [LinearTerm(u, -1)]
                for c in covering[t][w] where c.holdsVacation || c.placement == .vacation { terms.append(LinearTerm(c.v)) }
                try addRow(RowTag(.vacationBlockCapOn, trainee: t, week: w), "vacblockon[\(tc.spec.id),\(context.label(w))]", terms, .lessOrEqual(1))
            }
        }
    }
}

import ScenarioFormat
import STCore

// Notice in replanning, judged against each replan's date.
extension PlanChecker {
    /// Rule `notice`: a rotation at another unit that starts after a replan, with its booking date (`lead_weeks`
    /// before the start) already past on the replan's date, must have been booked before it: the replan's record
    /// lists it (the previous plan started that rotation at that unit on that Monday). A rotation the trainee was
    /// at in the week before the replan may resume after leave without new notice. Replans written before the
    /// record was kept are not judged.
    static func checkNotice(_ tp: Plan.TraineePlan, _ scenario: Scenario, _ mondays: [CivilDate], replans: [Plan.Replan],
                            _ report: inout CheckReport) {
        let weeks = tp.weeks
        let judged = replans.compactMap { r in r.booked.map { (cut: r.today.monday, booked: Set($0)) } }
        guard !judged.isEmpty else { return }
        var w = 0
        while w < weeks.count {
            guard let r = weeks[w].rotation, let u = weeks[w].unit else { w += 1; continue }
            var e = w
            while e + 1 < weeks.count, weeks[e + 1].rotation == r, weeks[e + 1].unit == u { e += 1 }
            if let unit = scenario.unit(u), !unit.home, unit.leadWeeks > 0 {
                let due = lastWorkingDay(onOrBefore: mondays[w].adding(days: -7 * unit.leadWeeks))
                for (cut, booked) in judged where cut <= mondays[w] && due < cut {
                    // At the unit in the week before the replan: the place is the trainee's already.
                    if let c = mondays.firstIndex(of: cut), c > 0, weeks[c - 1].rotation == r, weeks[c - 1].unit == u { continue }
                    if booked.contains(Plan.Booking(trainee: tp.id, rotation: r, unit: u, start: mondays[w])) { continue }
                    let days = mondays[w].daysSinceEpoch - cut.daysSinceEpoch
                    report.violations.append(Violation(rule: "notice", trainee: tp.id, week: mondays[w],
                        message: "the \(r) rotation at \(u) starts \(mondays[w]), \(days / 7) weeks after the replan of \(cut), "
                            + "inside the unit's notice of \(unit.leadWeeks) weeks (booking date \(due)), and the plan before the replan "
                            + "had not booked it"))
                }
            }
            w = e + 1
        }
    }
}

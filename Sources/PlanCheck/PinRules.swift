import ScenarioFormat
import STCore

// The trainee's own hard rules that a studierektor sets by hand: pinned starts and forbidden unit periods.
extension PlanChecker {
    /// Rule `pin`: a pinned rotation (`pins:`) begins in the week of its date (at its unit when given); rule
    /// `forbidden`: no rotation week at a unit in a week whose working days (Monday–Friday) a `forbidden:` period
    /// touches. Weeks before a replan's cut are history and not judged again.
    static func checkPins(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ mondays: [CivilDate], cuts: Set<Int>, _ report: inout CheckReport) {
        let lastCut = cuts.max() ?? 0
        for pin in spec.pins {
            let monday = pin.start.adding(days: 1 - pin.start.weekday)
            guard let w = mondays.firstIndex(of: monday) else { continue }
            if w < lastCut { continue }
            let first = tp.weeks.indices.first { tp.weeks[$0].rotation == pin.rotation && tp.weeks[$0].unit != nil }
            guard let first else { continue }  // a missing rotation is rule `rotation`'s
            if first < lastCut { continue }
            if first != w {
                report.violations.append(Violation(rule: "pin", trainee: spec.id, week: mondays[first],
                    message: "rotation \(pin.rotation) is pinned to the week of \(monday) but begins \(mondays[first])"))
            } else if let u = pin.unit, tp.weeks[first].unit != u {
                report.violations.append(Violation(rule: "pin", trainee: spec.id, week: mondays[first],
                    message: "rotation \(pin.rotation) is pinned to \(u) but begins at \(tp.weeks[first].unit ?? "?")"))
            }
        }
        for f in spec.forbidden {
            for (w, entry) in tp.weeks.enumerated() where w >= lastCut && entry.unit == f.unit && entry.rotation != nil {
                let friday = mondays[w].adding(days: 4)
                if mondays[w] <= f.range.to && friday >= f.range.from {
                    report.violations.append(Violation(rule: "forbidden", trainee: spec.id, week: mondays[w],
                        message: "\(spec.id) is at \(f.unit) in the week of \(mondays[w]), which is forbidden \(f.range.from)–\(f.range.to)"))
                }
            }
        }
    }
}

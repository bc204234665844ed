import STCore

/// The trainee part of `plan.html`: each trainee's service plan and period plans.
extension HTMLReport {
    static func trainee(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> String {
        let before = t.clockBefore
        var h = "<section class=\"trainee\">\n<h2>\(esc(t.name ?? t.id)) (\(esc(t.id)))</h2>\n<p>"
        if let s = t.supervisor { h += "\(L[.mainSupervisor]): \(esc(PlanFacts.name(plan, s))). " }
        h += "\(L[.stStart]) \(t.start), \(L[.completionLower]) \(t.completion?.description ?? "–")"
        h += t.extensionWeeks > 0 ? " (\(L[.extended]) \(L.weeks(t.extensionWeeks)))." : "."
        if let c = t.creditedWeeks, c > 0 { h += " \(L[.creditedService]): \(L.weeks(c))." }
        h += "</p>\n<h3>\(L[.servicePlan])</h3>\n<table><tr><th>\(L[.from])</th><th>\(L[.to])</th><th>\(L[.weeksColumn])</th><th>\(L[.stMonth])</th><th>\(L[.activityColumn])</th><th>\(L[.unit])</th></tr>\n"
        for b in t.blocks {
            let w = t.weeks.firstIndex { $0.week == b.from } ?? 0
            h += "<tr><td>\(b.from)</td><td>\(b.to)</td><td class=\"n\">\(b.weeks)</td><td class=\"n\">\(PlanFacts.stMonth(before[w]))</td>"
            h += "<td>\(esc(L.activity(b.activity, leave: b.leave)))\(b.rotation.map { ": " + esc(PlanFacts.rotationName(plan, $0)) } ?? "")</td><td>\(esc(b.unit.map { PlanFacts.name(plan, $0) } ?? ""))</td></tr>\n"
        }
        h += "</table>\n"
        let kind = plan.calendar.periods ?? "term"
        for p in PlanFacts.periods(t, kind: kind) {
            var goals: [String] = []
            for i in p.weeks { for g in t.weeks[i].goals where !goals.contains(g) { goals.append(g) } }
            h += "<h3>\(L[.periodPlan]) \(L.period(p.key, kind))</h3>\n<p>\(L[.goalsShort]): \(esc(goals.isEmpty ? "–" : goals.joined(separator: ", ")))</p>\n"
            h += "<table><tr><th>\(L[.week])</th><th>\(L[.activityColumn])</th><th>\(L[.courses])</th><th>\(L[.selfStudyHours])</th><th>\(L[.supervisionHours])</th><th>\(L[.events])</th></tr>\n"
            for i in p.weeks {
                let w = t.weeks[i]
                h += "<tr><td>\(w.week.isoWeekLabel)</td><td>\(esc(L.activity(w.activity, leave: w.leave) + (w.unit.map { ", " + PlanFacts.name(plan, $0) } ?? "")))</td>"
                h += "<td>\(esc(w.courses.map { PlanFacts.courseName(plan, $0) }.joined(separator: ", ")))</td><td class=\"n\">\(w.selfStudyHours == 0 ? "" : String(w.selfStudyHours))</td>"
                h += "<td class=\"n\">\(w.supervisionHours == 0 ? "" : L.number(w.supervisionHours))</td>"
                h += "<td>\(esc(w.events.map { "\($0.date): \(L.event($0, plan.catalog))" }.joined(separator: "; ")))</td></tr>\n"
            }
            h += "</table>\n"
        }
        return h + "</section>\n"
    }
}

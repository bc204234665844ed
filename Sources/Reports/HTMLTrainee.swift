import STCore

/// The trainee part of `plan.html`: each trainee's service plan and period plans.
extension HTMLReport {
    static func trainee(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> String {
        let en = L.english
        let before = t.clockBefore
        var h = "<section class=\"trainee\">\n<h2>\(esc(t.name ?? t.id)) (\(esc(t.id)))</h2>\n<p>"
        if let s = t.supervisor { h += "\(en ? "Main supervisor" : "Huvudhandledare"): \(esc(PlanFacts.name(plan, s))). " }
        h += "\(en ? "ST start" : "ST-start") \(t.start), \(en ? "completion" : "klar") \(t.completion?.description ?? "–")"
        h += t.extensionWeeks > 0 ? " (\(en ? "extended" : "förlängd") \(L.weeks(t.extensionWeeks)))." : "."
        if let c = t.creditedWeeks, c > 0 { h += " \(en ? "Credited service" : "Tillgodoräknad tjänstgöring"): \(L.weeks(c))." }
        h += "</p>\n<h3>\(en ? "Service plan" : "Tjänstgöringsplan")</h3>\n<table><tr><th>\(en ? "From" : "Från")</th><th>\(en ? "To" : "Till")</th><th>\(en ? "Weeks" : "Veckor")</th><th>\(en ? "ST month" : "ST-månad")</th><th>\(en ? "Activity" : "Aktivitet")</th><th>\(en ? "Unit" : "Enhet")</th></tr>\n"
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
            h += "<h3>\(en ? "Period plan" : "Periodplan") \(L.period(p.key, kind))</h3>\n<p>\(en ? "Goals" : "Mål"): \(esc(goals.isEmpty ? "–" : goals.joined(separator: ", ")))</p>\n"
            h += "<table><tr><th>\(en ? "Week" : "Vecka")</th><th>\(en ? "Activity" : "Aktivitet")</th><th>\(en ? "Courses" : "Kurser")</th><th>\(en ? "Self-study h" : "Självstudier h")</th><th>\(en ? "Supervision h" : "Handledning h")</th><th>\(en ? "Events" : "Händelser")</th></tr>\n"
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

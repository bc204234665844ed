import STCore

/// `plan.md`: each trainee's tjänstgöringsplan and periodplaner, then the clinic view. Reads a Plan only.
public enum MarkdownReport {
    public static func text(_ plan: Plan, language: ReportLanguage = ReportLanguage()) -> String {
        let L = language
        let en = L.english
        var out = "# \(en ? "Service plans" : "Tjänstgöringsplaner"): \(plan.scenario)\n\n"
        let s = plan.solve
        out += "\(en ? "Solve" : "Lösning"): \(L.status(s.status)), \(en ? "objective" : "målfunktion") \(s.objective.map { L.number($0) } ?? "-"), "
        out += "\(en ? "bound" : "gräns") \(s.bound.map { L.number($0) } ?? "-"), gap \(s.gap.map { L.fixed($0 * 100, decimals: 1) + " %" } ?? "-"). "
        out += "\(en ? "Calendar" : "Kalender"): \(plan.calendar.start), \(plan.calendar.weeks) \(en ? "weeks" : "veckor").\n\n"
        for t in plan.trainees { out += trainee(plan, t, L) }
        out += clinic(plan, L)
        return out
    }

    static func cell(_ s: String) -> String { Escaping.replace(s) { $0 == "|" ? "\\|" : $0 == "\n" ? " " : nil } }

    static func trainee(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> String {
        let en = L.english
        let before = t.clockBefore
        var out = "## \(t.name ?? t.id) (\(t.id))\n\n"
        out += "- \(en ? "Program" : "Program"): \(PlanFacts.programName(plan, t.program))\n"
        if let s = t.supervisor { out += "- \(en ? "Main supervisor" : "Huvudhandledare"): \(PlanFacts.name(plan, s))\n" }
        out += "- \(en ? "ST start" : "ST-start"): \(t.start)\n"
        out += "- \(en ? "Completion" : "Klar"): \(t.completion?.description ?? (en ? "not within the horizon" : "inte inom planeringshorisonten"))"
        out += t.extensionWeeks > 0 ? " (\(en ? "extended" : "förlängd") \(L.weeks(t.extensionWeeks)))\n" : "\n"
        out += "- \(en ? "Counted weeks" : "Räknade veckor"): \(L.number(t.countedWeeks)) / \(t.requiredWeeks)\n"
        if let c = t.creditedWeeks, c > 0 {
            out += "- \(en ? "Credited service" : "Tillgodoräknad tjänstgöring"): \(L.weeks(c)) (\(en ? "counted as served: ST months include it" : "räknas som gjord: ST-månaderna räknar med den"))\n"
        }
        out += "\n"
        out += "### \(en ? "Service plan" : "Tjänstgöringsplan")\n\n"
        out += "| \(en ? "From" : "Från") | \(en ? "To" : "Till") | \(en ? "Weeks" : "Veckor") | \(en ? "ST month" : "ST-månad") | \(en ? "Activity" : "Aktivitet") | \(en ? "Unit" : "Enhet") |\n"
        out += "|---|---|---:|---:|---|---|\n"
        for b in t.blocks {
            let w = t.weeks.firstIndex { $0.week == b.from } ?? 0
            // Names, not ids: the rotation's, or the course's for a course week.
            let courses = b.activity == .course ? t.weeks[w].courses.map { PlanFacts.courseName(plan, $0) } : []
            let what = b.rotation.map { "\(L.activity(b.activity)): \(PlanFacts.rotationName(plan, $0))" }
                ?? (courses.isEmpty ? L.activity(b.activity, leave: b.leave) : "\(L.activity(b.activity)): \(courses.joined(separator: ", "))")
            out += "| \(b.from) | \(b.to) | \(b.weeks) | \(PlanFacts.stMonth(before[w])) | \(cell(what)) | \(cell(b.unit.map { PlanFacts.name(plan, $0) } ?? "")) |\n"
        }
        out += "\n### \(en ? "Period plans" : "Periodplaner")\n\n"
        let kind = plan.calendar.periods ?? "term"
        for p in PlanFacts.periods(t, kind: kind) {
            out += "#### \(L.period(p.key, kind))\n\n"
            var goals: [String] = []
            for i in p.weeks { for g in t.weeks[i].goals where !goals.contains(g) { goals.append(g) } }
            let study = p.weeks.reduce(0) { $0 + t.weeks[$1].selfStudyHours }
            let sup = p.weeks.reduce(0.0) { $0 + t.weeks[$1].supervisionHours }
            out += "\(en ? "Goals" : "Delmål"): \(goals.isEmpty ? "–" : goals.map { PlanFacts.goalName(plan, $0) }.joined(separator: ", ")). "
            out += "\(en ? "Self-study" : "Självstudier"): \(study) h. \(en ? "Supervision" : "Handledning"): \(L.number(sup)) h.\n\n"
            out += "| \(en ? "Week" : "Vecka") | \(en ? "Activity" : "Aktivitet") | \(en ? "Courses" : "Kurser") | \(en ? "Research/quality" : "FoU/kvalitet") | \(en ? "Self-study h" : "Självstudier h") | \(en ? "Supervision h" : "Handledning h") | \(en ? "Events" : "Händelser") |\n"
            out += "|---|---|---|---|---:|---:|---|\n"
            for i in p.weeks {
                let w = t.weeks[i]
                var what = L.activity(w.activity, leave: w.leave)
                if let u = w.unit { what += ", " + PlanFacts.name(plan, u) }
                let work = [w.research > 0 ? "FoU \(L.number(w.research))" : nil, w.quality > 0 ? "\(en ? "QI" : "Kval") \(L.number(w.quality))" : nil].compactMap { $0 }
                let events = w.events.map { "\($0.date): \(L.event($0, plan.catalog))" }
                out += "| \(w.week.isoWeekLabel) (\(w.week)) | \(cell(what)) | \(cell(w.courses.map { PlanFacts.courseName(plan, $0) }.joined(separator: ", "))) | \(work.joined(separator: ", ")) | "
                out += "\(w.selfStudyHours == 0 ? "" : String(w.selfStudyHours)) | \(w.supervisionHours == 0 ? "" : L.number(w.supervisionHours)) | \(cell(events.joined(separator: "; "))) |\n"
            }
            out += "\n"
        }
        return out
    }

    static func clinic(_ plan: Plan, _ L: ReportLanguage) -> String {
        let en = L.english
        var out = "## \(en ? "The clinic" : "Kliniken")\n\n"
        let shown = PlanFacts.shownWeeks(plan)
        if shown < plan.calendar.weeks {
            out += en ? "The tables end on \(plan.calendar.grid.monday(shown - 1)), the week after the last completion.\n\n"
                      : "Tabellerna slutar \(plan.calendar.grid.monday(shown - 1)), veckan efter den sista ST:n som blir klar.\n\n"
        }
        for s in plan.staffing {
            let unavoidable = PlanFacts.unavoidable(plan, s)
            out += "### \(en ? "Staffing at" : "Bemanning på") \(PlanFacts.name(plan, s.unit))\n\n"
            let total = s.shortage.reduce(0, +), fixed = unavoidable.reduce(0, +)
            if total > 1e-9 {
                out += en ? "Below the minimum: \(L.number(total)) trainee-weeks, of which \(L.number(fixed)) unavoidable (weeks with fewer trainees in ST than the minimum, before the cohort has started or as it finishes; no plan removes them) and \(L.number(total - fixed)) the plan's choice.\n\n"
                          : "Under minimum: \(L.number(total)) ST-läkarveckor, varav \(L.number(fixed)) oundvikliga (veckor då färre ST-läkare är i tjänst än minimum, innan kohorten har börjat eller när den slutar; ingen plan tar bort dem) och \(L.number(total - fixed)) planens val.\n\n"
            }
            out += "| \(en ? "Week" : "Vecka") | \(en ? "Present" : "Närvarande") | Min | \(en ? "Target" : "Mål") | \(en ? "Below min" : "Under min") | \(en ? "of which unavoidable" : "varav oundvikligt") |\n|---|---:|---:|---:|---:|---:|\n"
            for w in 0..<shown {
                out += "| \(plan.calendar.grid.monday(w)) | \(L.number(s.present[w])) | \(s.min[w]) | \(s.target.map { String($0[w]) } ?? "") | \(s.shortage[w] > 0 ? L.number(s.shortage[w]) : "") | \(unavoidable[w] > 0 ? L.number(unavoidable[w]) : "") |\n"
            }
            out += "\n"
        }
        if !plan.units.isEmpty {
            out += "### \(en ? "Load per unit (trainees / places)" : "Beläggning per enhet (ST-läkare / platser)")\n\n"
            out += "| \(en ? "Week" : "Vecka") | " + plan.units.map { cell(PlanFacts.name(plan, $0.id)) }.joined(separator: " | ") + " |\n"
            out += "|---|" + plan.units.map { _ in "---:|" }.joined() + "\n"
            for w in 0..<shown {
                out += "| \(plan.calendar.grid.monday(w)) | " + plan.units.map { u in
                    "\(u.load[w])" + (u.capacity.map { "/\($0[w])" } ?? "")
                }.joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return out
    }
}

import STCore

/// `plan.md`: each trainee's tjänstgöringsplan and periodplaner, then the clinic view. Reads a Plan only.
public enum MarkdownReport {
    public static func text(_ plan: Plan, language: ReportLanguage = ReportLanguage()) -> String {
        let L = language
        var out = "# \(L[.servicePlans]): \(plan.scenario)\n\n"
        let s = plan.solve
        out += "\(L[.solve]): \(L.status(s.status)), \(L[.objective]) \(s.objective.map { L.number($0) } ?? "-"), "
        out += "\(L[.bound]) \(s.bound.map { L.number($0) } ?? "-"), \(L[.gap]) \(s.gap.map { L.fixed($0 * 100, decimals: 1) + " %" } ?? "-"). "
        out += "\(L[.calendar]): \(plan.calendar.start), \(plan.calendar.weeks) \(L[.weeksWord]).\n\n"
        for t in plan.trainees { out += trainee(plan, t, L) }
        out += clinic(plan, L)
        return out
    }

    static func cell(_ s: String) -> String { Escaping.replace(s) { $0 == "|" ? "\\|" : $0 == "\n" ? " " : nil } }

    static func trainee(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> String {
        let before = t.clockBefore
        var out = "## \(t.name ?? t.id) (\(t.id))\n\n"
        out += "- \(L[.program]): \(PlanFacts.programName(plan, t.program))\n"
        if let s = t.supervisor { out += "- \(L[.mainSupervisor]): \(PlanFacts.name(plan, s))\n" }
        out += "- \(L[.stStart]): \(t.start)\n"
        out += "- \(L[.completion]): \(t.completion?.description ?? L[.notWithinHorizon])"
        out += t.extensionWeeks > 0 ? " (\(L[.extended]) \(L.weeks(t.extensionWeeks)))\n" : "\n"
        out += "- \(L[.countedWeeks]): \(L.number(t.countedWeeks)) / \(t.requiredWeeks)\n"
        if let c = t.creditedWeeks, c > 0 {
            out += "- \(L[.creditedService]): \(L.weeks(c)) (\(L[.creditedCounted]))\n"
        }
        out += "\n"
        out += "### \(L[.servicePlan])\n\n"
        out += "| \(L[.from]) | \(L[.to]) | \(L[.weeksColumn]) | \(L[.stMonth]) | \(L[.activityColumn]) | \(L[.unit]) |\n"
        out += "|---|---|---:|---:|---|---|\n"
        for b in t.blocks {
            let w = t.weeks.firstIndex { $0.week == b.from } ?? 0
            // Names, not ids: the rotation's, or the course's for a course week.
            let courses = b.activity == .course ? t.weeks[w].courses.map { PlanFacts.courseName(plan, $0) } : []
            let what = b.rotation.map { "\(L.activity(b.activity)): \(PlanFacts.rotationName(plan, $0))" }
                ?? (courses.isEmpty ? L.activity(b.activity, leave: b.leave) : "\(L.activity(b.activity)): \(courses.joined(separator: ", "))")
            out += "| \(b.from) | \(b.to) | \(b.weeks) | \(PlanFacts.stMonth(before[w])) | \(cell(what)) | \(cell(b.unit.map { PlanFacts.name(plan, $0) } ?? "")) |\n"
        }
        out += "\n### \(L[.periodPlans])\n\n"
        let kind = plan.calendar.periods ?? "term"
        for p in PlanFacts.periods(t, kind: kind) {
            out += "#### \(L.period(p.key, kind))\n\n"
            var goals: [String] = []
            for i in p.weeks { for g in t.weeks[i].goals where !goals.contains(g) { goals.append(g) } }
            let study = p.weeks.reduce(0) { $0 + t.weeks[$1].selfStudyHours }
            let sup = p.weeks.reduce(0.0) { $0 + t.weeks[$1].supervisionHours }
            out += "\(L[.goals]): \(goals.isEmpty ? "–" : goals.map { PlanFacts.goalName(plan, $0) }.joined(separator: ", ")). "
            out += "\(L[.selfStudy]): \(study) h. \(L[.supervision]): \(L.number(sup)) h.\n\n"
            out += "| \(L[.week]) | \(L[.activityColumn]) | \(L[.courses]) | \(L[.researchQuality]) | \(L[.selfStudyHours]) | \(L[.supervisionHours]) | \(L[.events]) |\n"
            out += "|---|---|---|---|---:|---:|---|\n"
            for i in p.weeks {
                let w = t.weeks[i]
                var what = L.activity(w.activity, leave: w.leave)
                if let u = w.unit { what += ", " + PlanFacts.name(plan, u) }
                let work = [w.research > 0 ? "FoU \(L.number(w.research))" : nil, w.quality > 0 ? "\(L[.qualityShort]) \(L.number(w.quality))" : nil].compactMap { $0 }
                let events = w.events.map { "\($0.date): \(L.event($0, plan.catalog))" }
                out += "| \(w.week.isoWeekLabel) (\(w.week)) | \(cell(what)) | \(cell(w.courses.map { PlanFacts.courseName(plan, $0) }.joined(separator: ", "))) | \(work.joined(separator: ", ")) | "
                out += "\(w.selfStudyHours == 0 ? "" : String(w.selfStudyHours)) | \(w.supervisionHours == 0 ? "" : L.number(w.supervisionHours)) | \(cell(events.joined(separator: "; "))) |\n"
            }
            out += "\n"
        }
        return out
    }

    static func clinic(_ plan: Plan, _ L: ReportLanguage) -> String {
        var out = "## \(L[.theClinic])\n\n"
        let shown = PlanFacts.shownWeeks(plan)
        if shown < plan.calendar.weeks {
            out += L.tablesEnd(plan.calendar.grid.monday(shown - 1)) + "\n\n"
        }
        for s in plan.staffing {
            let unavoidable = PlanFacts.unavoidable(plan, s)
            out += "### \(L[.staffingAt]) \(PlanFacts.name(plan, s.unit))\n\n"
            let total = s.shortage.reduce(0, +), fixed = unavoidable.reduce(0, +)
            if total > 1e-9 {
                out += L.belowMinimumExplained(total: total, unavoidable: fixed) + "\n\n"
            }
            out += "| \(L[.week]) | \(L[.present]) | Min | \(L[.target]) | \(L[.belowMin]) | \(L[.ofWhichUnavoidable]) |\n|---|---:|---:|---:|---:|---:|\n"
            for w in 0..<shown {
                out += "| \(plan.calendar.grid.monday(w)) | \(L.number(s.present[w])) | \(s.min[w]) | \(s.target.map { String($0[w]) } ?? "") | \(s.shortage[w] > 0 ? L.number(s.shortage[w]) : "") | \(unavoidable[w] > 0 ? L.number(unavoidable[w]) : "") |\n"
            }
            out += "\n"
        }
        if !plan.units.isEmpty {
            out += "### \(L[.loadPerUnitPlaces])\n\n"
            out += "| \(L[.week]) | " + plan.units.map { cell(PlanFacts.name(plan, $0.id)) }.joined(separator: " | ") + " |\n"
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

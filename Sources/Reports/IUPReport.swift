import STCore

/// The individual training plan (individuell utbildningsplan, IUP) of one trainee, one printable page: the goals
/// (delmål) of the programme with the rotations, courses and works of the plan that serve them, the time plan,
/// the supervision agreement, the yearly revisions with their dates, and signature lines for the trainee, the
/// main supervisor and the director of studies. Markdown and HTML (with print CSS, A4). Reads a Plan only.
public enum IUPReport {
    /// One goal and what in the trainee's plan serves it.
    struct GoalLine {
        var id: String
        var name: String
        /// "Randning: IVA 2027-01-18–2027-03-14", "Kurs: SK-kurs A 2027-01-06"; empty when nothing serves it.
        var servedBy: [String]
    }

    /// The programme's goals (from the catalog, in its order, then any other goal the weeks name), each with the
    /// rotation runs and course sessions of the plan that serve it.
    static func goals(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> [GoalLine] {
        var order = (plan.catalog?.goals ?? []).filter { $0.program == t.program }.map(\.id)
        for w in t.weeks { for g in w.goals where !order.contains(g) { order.append(g) } }
        var served: [String: [String]] = [:]
        // Rotation runs: consecutive weeks of one rotation (vacation inside it included).
        var i = 0
        while i < t.weeks.count {
            let w = t.weeks[i]
            guard let r = w.rotation else { i += 1; continue }
            var j = i
            var goals = Set(w.goals)
            while j + 1 < t.weeks.count, t.weeks[j + 1].rotation == r { j += 1; goals.formUnion(t.weeks[j].goals) }
            let courseGoals = Set((i...j).flatMap { k in t.weeks[k].courses.isEmpty ? [] : t.weeks[k].goals })
            let text = "\(L.activity(.rotation)): \(PlanFacts.name(plan, w.unit ?? r)) \(t.weeks[i].week)–\(t.weeks[j].week.adding(days: 4))"
            for g in goals.subtracting(courseGoals).sorted() { served[g, default: []].append(text) }
            i = j + 1
        }
        var seen = Set<String>()
        for w in t.weeks {
            for c in w.courses where seen.insert(c).inserted {
                let course = plan.catalog?.courses.first { $0.id == c }
                let start = course?.sessions.first { $0.start >= w.week && $0.start < w.week.adding(days: 7) }?.start ?? w.week
                let text = "\(L.activity(.course)): \(PlanFacts.courseName(plan, c)) \(start)"
                let rotationGoals = Set(w.rotation.map { r in t.weeks.filter { $0.rotation == r && $0.courses.isEmpty }.flatMap(\.goals) } ?? [])
                for g in w.goals where !rotationGoals.contains(g) || w.rotation == nil { served[g, default: []].append(text) }
            }
        }
        return order.map { g in
            GoalLine(id: g, name: plan.catalog?.goals?.first { $0.id == g }?.name ?? g, servedBy: served[g] ?? [])
        }
    }

    /// One line of the time plan: a rotation run (vacation inside it named, not split off), a course (by name), or
    /// a block of research, quality work, vacation or leave.
    struct TimeLine {
        var activity: Activity
        var from: CivilDate
        var to: CivilDate
        var weeks: Int
        var text: String
    }

    static func timePlan(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> [TimeLine] {
        var out: [TimeLine] = []
        var i = 0
        let weeks = t.weeks
        while i < weeks.count {
            let w = weeks[i]
            if let r = w.rotation {
                var j = i
                while j + 1 < weeks.count, weeks[j + 1].rotation == r, weeks[j + 1].unit == w.unit { j += 1 }
                let vacation = (i...j).filter { weeks[$0].activity == .vacation }.count
                var text = "\(L.activity(.rotation)): \(PlanFacts.name(plan, w.unit ?? r))"
                if vacation > 0 { text += L.ofWhichVacation(vacation) }
                out.append(TimeLine(activity: .rotation, from: w.week, to: weeks[j].week.adding(days: 6), weeks: j - i + 1, text: text))
                i = j + 1
                continue
            }
            if w.activity == .course || !w.courses.isEmpty {
                for c in w.courses {
                    out.append(TimeLine(activity: .course, from: w.week, to: w.week.adding(days: 6), weeks: w.activity == .course ? 1 : 0,
                                        text: "\(L.activity(.course)): \(PlanFacts.courseName(plan, c))"))
                }
                if w.activity == .course { i += 1; continue }
            }
            guard [.research, .quality, .vacation, .leave].contains(w.activity) else { i += 1; continue }
            var j = i
            while j + 1 < weeks.count, weeks[j + 1].activity == w.activity, weeks[j + 1].rotation == nil, weeks[j + 1].courses.isEmpty,
                  weeks[j + 1].leave == w.leave { j += 1 }
            out.append(TimeLine(activity: w.activity, from: w.week, to: weeks[j].week.adding(days: 6), weeks: j - i + 1,
                                text: L.activity(w.activity, leave: w.leave)))
            i = j + 1
        }
        return out
    }

    /// Markdown, one trainee.
    public static func markdown(_ plan: Plan, trainee t: Plan.TraineePlan, language L: ReportLanguage = ReportLanguage()) -> String {
        let events = t.weeks.flatMap(\.events)
        var out = "# \(L[.iupTitle]): \(t.name ?? t.id)\n\n"
        out += "- \(L[.programme]): \(PlanFacts.programName(plan, t.program))\n"
        out += "- \(L[.stStart]): \(t.start); \(L[.plannedCompletion]) \(t.completion?.description ?? "–")"
        out += t.extensionWeeks > 0 ? " (\(L[.extended]) \(L.weeks(t.extensionWeeks)))\n" : "\n"
        if let s = t.supervisor { out += "- \(L[.mainSupervisor]): \(PlanFacts.name(plan, s))\n" }
        if let a = events.first(where: { $0.kind == .supervisionAgreement }) {
            out += "- \(L[.supervisionAgreement]): \(a.date)\n"
        }
        let meetings = events.filter { $0.kind == .supervision }
        if let first = meetings.first { out += "- \(L[.supervision]): \(L.meetingsPlanned(meetings.count, first: first.date))\n" }
        out += "\n## \(L[.goalsAndHow])\n\n"
        let goals = goals(plan, t, L)
        if goals.isEmpty {
            out += L[.noGoals] + "\n"
        } else {
            out += "| \(L[.goal]) | \(L[.servedBy]) |\n|---|---|\n"
            for g in goals {
                let by = g.servedBy.isEmpty ? L[.notServed] + ": " + L[.planItWithSupervisor] : g.servedBy.joined(separator: "; ")
                out += "| \(MarkdownReport.cell(g.name == g.id ? g.id : "\(g.name) (\(g.id))")) | \(MarkdownReport.cell(by)) |\n"
            }
        }
        out += "\n## \(L[.timePlan])\n\n"
        out += "| \(L[.from]) | \(L[.to]) | \(L[.weeksColumn]) | \(L[.activityColumn]) |\n|---|---|---:|---|\n"
        for b in timePlan(plan, t, L) {
            out += "| \(b.from) | \(b.to) | \(b.weeks == 0 ? "" : String(b.weeks)) | \(MarkdownReport.cell(b.text)) |\n"
        }
        out += "\n## \(L[.reviews])\n\n"
        let dated = events.filter { $0.kind == .trainingPlan || $0.kind == .yearlyReview }.sorted { ($0.date, $0.kind) < ($1.date, $1.kind) }
        for e in dated { out += "- \(e.date): \(L.event(e, plan.catalog))\n" }
        if dated.isEmpty { out += "–\n" }
        out += "\n## \(L[.signatures])\n\n"
        out += "| | \(L[.signature]) | \(L[.nameInPrint]) | \(L[.date]) |\n|---|---|---|---|\n"
        for who in signatories(plan, t, L) { out += "| \(who.role) | | \(MarkdownReport.cell(who.name)) | |\n" }
        return out
    }

    static func signatories(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> [(role: String, name: String)] {
        [(L[.stDoctor], t.name ?? t.id),
         (L[.mainSupervisor], t.supervisor.map { PlanFacts.name(plan, $0) } ?? ""),
         (L[.directorOfStudies], "")]
    }

    /// HTML, one trainee, one A4 page when printed.
    public static func html(_ plan: Plan, trainee t: Plan.TraineePlan, language L: ReportLanguage = ReportLanguage()) -> String {
        let en = L.english
        let esc = Escaping.html
        let events = t.weeks.flatMap(\.events)
        var h = "<!DOCTYPE html>\n<html lang=\"\(en ? "en" : "sv")\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<title>\(esc(L[.iupPageTitle] + ": " + (t.name ?? t.id)))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<h1>\(L[.iupTitle]): \(esc(t.name ?? t.id))</h1>\n"
        h += "<p>\(L[.programme]): \(esc(PlanFacts.programName(plan, t.program))). \(L[.stStart]) \(t.start), "
        h += "\(L[.plannedCompletion]) \(t.completion?.description ?? "–")."
        if let s = t.supervisor { h += " \(L[.mainSupervisor]): \(esc(PlanFacts.name(plan, s)))." }
        if let a = events.first(where: { $0.kind == .supervisionAgreement }) { h += " \(L[.supervisionAgreement]) \(a.date)." }
        h += "</p>\n<h2>\(L[.goalsAndHow])</h2>\n"
        let goals = goals(plan, t, L)
        if goals.isEmpty {
            h += "<p>\(L[.noGoals])</p>\n"
        } else {
            h += "<table><tr><th>\(L[.goal])</th><th>\(L[.servedBy])</th></tr>\n"
            for g in goals {
                let by = g.servedBy.isEmpty ? "<em>\(L[.notServed])</em>" : g.servedBy.map(esc).joined(separator: "<br>")
                h += "<tr><td>\(esc(g.name == g.id ? g.id : "\(g.name) (\(g.id))"))</td><td>\(by)</td></tr>\n"
            }
            h += "</table>\n"
        }
        h += "<h2>\(L[.timePlan])</h2>\n<table><tr><th>\(L[.from])</th><th>\(L[.to])</th><th>\(L[.weeksColumn])</th><th>\(L[.activityColumn])</th></tr>\n"
        for b in timePlan(plan, t, L) {
            h += "<tr><td>\(b.from)</td><td>\(b.to)</td><td class=\"n\">\(b.weeks == 0 ? "" : String(b.weeks))</td><td>\(esc(b.text))</td></tr>\n"
        }
        h += "</table>\n<h2>\(L[.reviews])</h2>\n<p>"
        let dated = events.filter { $0.kind == .trainingPlan || $0.kind == .yearlyReview }.sorted { ($0.date, $0.kind) < ($1.date, $1.kind) }
        h += dated.isEmpty ? "–" : dated.map { "\($0.date): \(esc(L.event($0, plan.catalog)))" }.joined(separator: "<br>")
        h += "</p>\n<h2>\(L[.signatures])</h2>\n<table class=\"sign\">"
        h += "<tr><th></th><th>\(L[.signature])</th><th>\(L[.nameInPrint])</th><th>\(L[.date])</th></tr>\n"
        for who in signatories(plan, t, L) { h += "<tr><td>\(esc(who.role))</td><td></td><td>\(esc(who.name))</td><td></td></tr>\n" }
        h += "</table>\n</body>\n</html>\n"
        return h
    }

    static let css = """
    @page { size: A4; margin: 15mm; }
    body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10px; color: #222; margin: 0; }
    h1 { font-size: 15px; margin: 0 0 4px; } h2 { font-size: 12px; margin: 10px 0 3px; }
    table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; }
    td.n { text-align: right; } table.sign td { height: 28px; }
    @media print { body { font-size: 9px; } }

    """

    /// `iup/ID.md` and `iup/ID.html` of every trainee (or only `trainee`), per the formats asked for.
    public static func files(_ plan: Plan, markdown: Bool, html: Bool, trainee: String? = nil,
                             language: ReportLanguage = ReportLanguage()) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for t in plan.trainees where trainee == nil || t.id == trainee {
            if markdown { out.append(("iup/\(t.id).md", IUPReport.markdown(plan, trainee: t, language: language))) }
            if html { out.append(("iup/\(t.id).html", IUPReport.html(plan, trainee: t, language: language))) }
        }
        return out
    }
}

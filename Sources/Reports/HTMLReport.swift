import STCore

/// `plan.html`: one self-contained page (inline CSS and SVG, no script, no network) with the cohort's Gantt
/// chart, the home clinic's staffing against its minimum and target, each unit's load against its places, and
/// each trainee's service plan and period plans. Prints on A4 landscape.
public enum HTMLReport {
    /// Colours per activity (leave is hatched).
    static let colours: [Activity: String] = [
        .home: "#cfd8dc", .rotation: "#1e88e5", .course: "#8e24aa", .research: "#43a047", .quality: "#7cb342",
        .vacation: "#fdd835", .leave: "#e57373", .buffer: "#90a4ae",
    ]

    /// The page; `today` is marked on the charts when it falls in the calendar.
    public static func text(_ plan: Plan, today: CivilDate, language: ReportLanguage = ReportLanguage()) -> String {
        let L = language
        let en = L.english
        var h = "<!DOCTYPE html>\n<html lang=\"\(en ? "en" : "sv")\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<title>\(esc(plan.scenario))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<h1>\(esc(plan.scenario))</h1>\n"
        let s = plan.solve
        h += "<p class=\"meta\">\(en ? "Solve" : "Lösning"): \(esc(L.status(s.status))), \(en ? "objective" : "målfunktion") \(s.objective.map { L.number($0) } ?? "-"), "
        h += "\(en ? "bound" : "gräns") \(s.bound.map { L.number($0) } ?? "-"), gap \(s.gap.map { L.fixed($0 * 100, decimals: 1) + " %" } ?? "-"). "
        h += "\(en ? "Calendar" : "Kalender") \(plan.calendar.start), \(plan.calendar.weeks) \(en ? "weeks" : "veckor"). \(en ? "Today" : "I dag"): \(today).</p>\n"
        h += legend(L)
        h += "<h2>\(en ? "Cohort" : "Kohorten")</h2>\n" + gantt(plan, today: today, L)
        if plan.staffing.count == 1 {
            h += "<h2>\(en ? "Staffing at the home clinic" : "Bemanning på hemkliniken")</h2>\n" + staffing(plan, plan.staffing[0], today: today, L)
                + shortageNote(plan, plan.staffing[0], L)
        } else {
            for s in plan.staffing {
                h += "<h2>\(en ? "Staffing" : "Bemanning"): \(esc(PlanFacts.name(plan, s.unit)))</h2>\n" + staffing(plan, s, today: today, L) + shortageNote(plan, s, L)
            }
        }
        h += "<h2>\(en ? "Load per unit" : "Beläggning per enhet")</h2>\n" + units(plan, L)
        for t in plan.trainees { h += trainee(plan, t, L) }
        h += "</body>\n</html>\n"
        return h
    }

    static let css = """
    body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; margin: 16px; color: #222; }
    h1 { font-size: 18px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 18px 0 6px; } h3 { font-size: 13px; margin: 12px 0 4px; }
    .meta { color: #555; margin: 0 0 8px; }
    svg { width: 100%; height: auto; display: block; }
    .legend span { display: inline-block; margin-right: 12px; } .legend i { display: inline-block; width: 12px; height: 10px; margin-right: 4px; vertical-align: middle; border: 1px solid #888; }
    table { border-collapse: collapse; margin: 4px 0 10px; } th, td { border: 1px solid #ccc; padding: 1px 4px; text-align: left; vertical-align: top; }
    th { background: #eceff1; } td.n { text-align: right; }
    section.trainee { page-break-before: always; }
    @page { size: A4 landscape; margin: 10mm; }
    @media print { body { margin: 0; font-size: 9px; } h2 { page-break-after: avoid; } }

    """

    static func esc(_ s: String) -> String {
        Escaping.html(s)
    }

    static func n(_ v: Double) -> String { JSONValue.format((v * 10).rounded() / 10) }

    static func legend(_ L: ReportLanguage) -> String {
        var h = "<p class=\"legend\">"
        for a in Activity.allCases where a.isInST {
            let fill = a == .leave ? "repeating-linear-gradient(45deg,#e57373 0 3px,#fff 3px 6px)" : colours[a]!
            h += "<span><i style=\"background:\(fill)\"></i>\(esc(L.activity(a)))</span>"
        }
        return h + "<span><i style=\"background:#d32f2f\"></i>\(L.english ? "today" : "i dag")</span></p>\n"
    }

    static let labelWidth = 150.0
    static let weekWidth = 3.0

    /// Year lines and labels across a chart of `height`.
    static func years(_ plan: Plan, top: Double, height: Double) -> String {
        var h = ""
        for w in 0..<PlanFacts.shownWeeks(plan) {
            let m = plan.calendar.grid.monday(w)
            guard w == 0 || m.year != plan.calendar.grid.monday(w - 1).year else { continue }
            let x = labelWidth + Double(w) * weekWidth
            h += "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(top + height))\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            h += "<text x=\"\(n(x + 2))\" y=\"\(n(top - 3))\" font-size=\"10\" fill=\"#555\">\(m.year)</text>\n"
        }
        return h
    }

    static func todayLine(_ plan: Plan, _ today: CivilDate, top: Double, height: Double) -> String {
        let w = plan.calendar.grid.week(containing: today)
        guard (0..<PlanFacts.shownWeeks(plan)).contains(w) else { return "" }
        let x = labelWidth + (Double(w) + Double(today.weekday - 1) / 7) * weekWidth
        return "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(top + height))\" stroke=\"#d32f2f\" stroke-width=\"1.5\"/>\n"
    }

    static func gantt(_ plan: Plan, today: CivilDate, _ L: ReportLanguage) -> String {
        let row = 16.0
        let top = 16.0
        let width = labelWidth + Double(PlanFacts.shownWeeks(plan)) * weekWidth + 60  // room for the last completion date
        let height = top + Double(plan.trainees.count) * row + 4
        var h = "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
        h += "<defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        h += "<rect width=\"4\" height=\"4\" fill=\"#fff\"/><rect width=\"2\" height=\"4\" fill=\"#e57373\"/></pattern></defs>\n"
        for (i, t) in plan.trainees.enumerated() {
            let y = top + Double(i) * row
            h += "<text x=\"2\" y=\"\(n(y + 11))\" font-size=\"10\">\(esc(t.name ?? t.id))</text>\n"
            for b in t.blocks {
                guard let w = t.weeks.firstIndex(where: { $0.week == b.from }) else { continue }
                let x = labelWidth + Double(w) * weekWidth
                let fill = b.activity == .leave ? "url(#hatch)" : colours[b.activity] ?? "#eee"
                let title = "\(L.activity(b.activity, leave: b.leave))\(b.unit.map { " " + PlanFacts.name(plan, $0) } ?? ""): \(b.from)–\(b.to)"
                h += "<rect x=\"\(n(x))\" y=\"\(n(y + 2))\" width=\"\(n(Double(b.weeks) * weekWidth))\" height=\"\(n(row - 4))\" fill=\"\(fill)\"><title>\(esc(title))</title></rect>"
                if b.activity == .rotation, Double(b.weeks) * weekWidth >= 24, let u = b.unit {
                    h += "<text x=\"\(n(x + 1.5))\" y=\"\(n(y + 11))\" font-size=\"8\" fill=\"#fff\">\(esc(u))</text>"
                }
                h += "\n"
            }
            if let c = t.completion {
                let w = plan.calendar.grid.week(containing: c)
                h += "<text x=\"\(n(labelWidth + Double(w) * weekWidth + 2))\" y=\"\(n(y + 11))\" font-size=\"8\" fill=\"#555\">\(c)</text>\n"
            }
        }
        h += years(plan, top: top, height: height - top)
        h += todayLine(plan, today, top: top, height: height - top)
        return h + "</svg>\n"
    }

    /// The shortage below the minimum in its two parts: what no plan avoids (weeks with fewer trainees in ST than
    /// the minimum) and what the plan chose; empty without a shortage.
    static func shortageNote(_ plan: Plan, _ s: Plan.Staffing, _ L: ReportLanguage) -> String {
        let total = s.shortage.reduce(0, +)
        guard total > 1e-9 else { return "" }
        let fixed = PlanFacts.unavoidable(plan, s).reduce(0, +)
        return L.english
            ? "<p>Below the minimum: \(L.number(total)) trainee-weeks, of which \(L.number(fixed)) unavoidable (fewer trainees in ST than the minimum) and \(L.number(total - fixed)) the plan's choice.</p>\n"
            : "<p>Under minimum: \(L.number(total)) ST-läkarveckor, varav \(L.number(fixed)) oundvikliga (färre ST-läkare i tjänst än minimum) och \(L.number(total - fixed)) planens val.</p>\n"
    }

    static func staffing(_ plan: Plan, _ s: Plan.Staffing, today: CivilDate, _ L: ReportLanguage) -> String {
        let top = 16.0
        let chart = 140.0
        let width = labelWidth + Double(PlanFacts.shownWeeks(plan)) * weekWidth + 4
        let peak = max(1, (s.present + s.min.map(Double.init) + (s.target ?? []).map(Double.init)).max() ?? 1)
        func y(_ v: Double) -> Double { top + chart - v / peak * chart }
        var h = "<svg viewBox=\"0 0 \(n(width)) \(n(top + chart + 20))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
        for v in stride(from: 0, through: Int(peak), by: max(1, Int(peak) / 5)) {
            h += "<line x1=\"\(n(labelWidth))\" y1=\"\(n(y(Double(v))))\" x2=\"\(n(width))\" y2=\"\(n(y(Double(v))))\" stroke=\"#eee\"/>"
            h += "<text x=\"\(n(labelWidth - 4))\" y=\"\(n(y(Double(v)) + 3))\" font-size=\"9\" text-anchor=\"end\">\(v)</text>\n"
        }
        for w in 0..<PlanFacts.shownWeeks(plan) {
            let x = labelWidth + Double(w) * weekWidth
            let fill = s.shortage[w] > 1e-9 ? "#ef9a9a" : "#64b5f6"
            h += "<rect x=\"\(n(x))\" y=\"\(n(y(s.present[w])))\" width=\"\(n(weekWidth - 0.5))\" height=\"\(n(s.present[w] / peak * chart))\" fill=\"\(fill)\"/>"
        }
        h += "\n" + step(s.min.map(Double.init), y: y, colour: "#d32f2f", dash: nil)
        if let t = s.target { h += step(t.map(Double.init), y: y, colour: "#2e7d32", dash: "4 2") }
        h += "<text x=\"2\" y=\"\(n(top + 10))\" font-size=\"10\" fill=\"#1565c0\">\(L.english ? "present" : "närvarande")</text>"
        h += "<text x=\"2\" y=\"\(n(top + 24))\" font-size=\"10\" fill=\"#d32f2f\">\(L.english ? "minimum" : "minimum")</text>"
        h += "<text x=\"2\" y=\"\(n(top + 38))\" font-size=\"10\" fill=\"#2e7d32\">\(L.english ? "target" : "mål")</text>\n"
        h += years(plan, top: top, height: chart)
        h += todayLine(plan, today, top: top, height: chart)
        return h + "</svg>\n"
    }

    /// A step line over the weeks.
    static func step(_ values: [Double], y: (Double) -> Double, colour: String, dash: String?) -> String {
        var d = ""
        for (w, v) in values.enumerated() {
            let x = labelWidth + Double(w) * weekWidth
            d += (w == 0 ? "M" : "L") + "\(n(x)) \(n(y(v))) L\(n(x + weekWidth)) \(n(y(v))) "
        }
        return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>\n"
    }

    static func units(_ plan: Plan, _ L: ReportLanguage) -> String {
        let row = 34.0
        let width = labelWidth + Double(PlanFacts.shownWeeks(plan)) * weekWidth + 4
        let top = 14.0
        var h = "<svg viewBox=\"0 0 \(n(width)) \(n(top + Double(plan.units.count) * row + 4))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
        for (i, u) in plan.units.enumerated() {
            let base = top + Double(i + 1) * row - 4
            let peak = Double(max(1, max(u.load.max() ?? 0, u.capacity?.max() ?? 0)))
            func y(_ v: Double) -> Double { base - v / peak * (row - 8) }
            h += "<text x=\"2\" y=\"\(n(base - 8))\" font-size=\"10\">\(esc(PlanFacts.name(plan, u.id)))</text>\n"
            for (w, l) in u.load.enumerated() where l > 0 {
                let over = u.capacity.map { l > $0[w] } ?? false
                h += "<rect x=\"\(n(labelWidth + Double(w) * weekWidth))\" y=\"\(n(y(Double(l))))\" width=\"\(n(weekWidth - 0.5))\" height=\"\(n(base - y(Double(l))))\" fill=\"\(over ? "#d32f2f" : "#1e88e5")\"/>"
            }
            if let c = u.capacity { h += "\n" + step(c.map(Double.init), y: y, colour: "#333", dash: "3 2") }
            h += "<line x1=\"\(n(labelWidth))\" y1=\"\(n(base))\" x2=\"\(n(width))\" y2=\"\(n(base))\" stroke=\"#bbb\"/>\n"
        }
        h += years(plan, top: top, height: Double(plan.units.count) * row)
        return h + "</svg>\n"
    }

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

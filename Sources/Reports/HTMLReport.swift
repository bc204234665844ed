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
        h += "<p class=\"meta\">\(L[.solve]): \(esc(L.status(s.status))), \(L[.objective]) \(s.objective.map { L.number($0) } ?? "-"), "
        h += "\(L[.bound]) \(s.bound.map { L.number($0) } ?? "-"), \(L[.gap]) \(s.gap.map { L.fixed($0 * 100, decimals: 1) + " %" } ?? "-"). "
        h += "\(L[.calendar]) \(plan.calendar.start), \(plan.calendar.weeks) \(L[.weeksWord]). \(L[.today]): \(today).</p>\n"
        h += legend(L)
        h += "<h2>\(L[.cohort])</h2>\n" + gantt(plan, today: today, L)
        if plan.staffing.count == 1 {
            h += "<h2>\(L[.staffingHome])</h2>\n" + staffing(plan, plan.staffing[0], today: today, L)
                + shortageNote(plan, plan.staffing[0], L)
        } else {
            for s in plan.staffing {
                h += "<h2>\(L[.staffing]): \(esc(PlanFacts.name(plan, s.unit)))</h2>\n" + staffing(plan, s, today: today, L) + shortageNote(plan, s, L)
            }
        }
        h += "<h2>\(L[.loadPerUnit])</h2>\n" + units(plan, L)
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
        return h + "<span><i style=\"background:#d32f2f\"></i>\(L[.todayLower])</span></p>\n"
    }

    static let labelWidth = 150.0
    static let weekWidth = 3.0
}

import STCore

/// The charts of `plan.html`: the cohort's Gantt chart with year lines and today's line, the staffing chart with
/// its minimum and target and the shortage in two parts, and each unit's load against its places.
extension HTMLReport {
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
        return "<p>" + L.belowMinimumNote(total: total, unavoidable: fixed) + "</p>\n"
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
        h += "<text x=\"2\" y=\"\(n(top + 10))\" font-size=\"10\" fill=\"#1565c0\">\(L[.chartPresent])</text>"
        h += "<text x=\"2\" y=\"\(n(top + 24))\" font-size=\"10\" fill=\"#d32f2f\">\(L[.chartMinimum])</text>"
        h += "<text x=\"2\" y=\"\(n(top + 38))\" font-size=\"10\" fill=\"#2e7d32\">\(L[.chartTarget])</text>\n"
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
}

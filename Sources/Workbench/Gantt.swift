import Foundation
import ScenarioFormat
import STCore

/// The workbench's cohort Gantt: one row a trainee, one rectangle a block of the plan (rotations by unit, courses,
/// research, quality work, vacation, leave, buffer), today's line, and each block's details on hover. Drawn as one
/// SVG from the plan's blocks (a few dozen a trainee), so that a 160-trainee plan renders at once; the HTML report
/// beside it draws every week.
enum Gantt {
    static let colors: [Activity: String] = [.home: "#d0d5da", .rotation: "#2f7fd1", .course: "#8e44ad", .research: "#2e9e4f",
                                             .quality: "#8bc34a", .vacation: "#f4c430", .leave: "#e57373", .buffer: "#95a5a6"]

    static func svg(_ plan: Plan, scenario: Scenario?, today: CivilDate, language l: Language, id: String = "gantt") -> String {
        let weekWidth = 3.0, rowHeight = 16.0, left = 170.0, top = 24.0
        let weeks = plan.calendar.weeks
        let width = left + Double(weeks) * weekWidth + 10
        let height = top + Double(plan.trainees.count) * rowHeight + 10
        let start = plan.calendar.start
        func x(_ d: CivilDate) -> Double { left + Double(start.days(to: d)) / 7 * weekWidth }
        let unitNames = Dictionary((scenario?.units ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"system-ui,sans-serif\" font-size=\"11\">\n"
        // Years along the top.
        out += "<text x=\"\(f(left + 2))\" y=\"12\">\(start.year)</text>\n"
        var year = start.year + 1
        while let jan = CivilDate(iso: String(format: "%04d-01-01", year)), start.days(to: jan) / 7 < weeks {
            let px = x(jan)
            out += "<line x1=\"\(f(px))\" y1=\"14\" x2=\"\(f(px))\" y2=\"\(f(height))\" stroke=\"#e0e0e0\"/><text x=\"\(f(px + 2))\" y=\"12\">\(year)</text>\n"
            year += 1
        }
        for (i, t) in plan.trainees.enumerated() {
            let y = top + Double(i) * rowHeight
            out += "<text x=\"4\" y=\"\(f(y + 11))\">\(HTML.escape(t.name ?? t.id))</text>\n"
            for b in t.blocks {
                guard let color = colors[b.activity] else { continue }
                let x0 = x(b.from), x1 = x(b.to.adding(days: 1))
                let what: String
                switch b.activity {
                case .rotation: what = l.t("randning", "rotation") + " " + (b.rotation ?? "") + " – " + (b.unit.flatMap { unitNames[$0] } ?? b.unit ?? "")
                case .home: what = l.t("hemklinik", "home clinic")
                case .course: what = l.t("kurs", "course")
                case .research: what = l.t("vetenskapligt arbete", "research")
                case .quality: what = l.t("kvalitetsarbete", "quality work")
                case .vacation: what = l.t("semester", "vacation") + (b.rotation.map { " (" + l.t("i randning", "in rotation") + " \($0))" } ?? "")
                case .leave: what = l.t("ledighet", "leave") + (b.leave.map { " (\($0))" } ?? "")
                case .buffer: what = l.t("buffert", "buffer")
                default: what = b.activity.rawValue
                }
                let title = "\(t.name ?? t.id): \(what), \(b.from)–\(b.to) (\(b.weeks) \(l.t("v", "wk")))"
                out += "<rect x=\"\(f(x0))\" y=\"\(f(y + 2))\" width=\"\(f(max(1, x1 - x0)))\" height=\"\(f(rowHeight - 4))\" fill=\"\(color)\"><title>\(HTML.escape(title))</title></rect>\n"
            }
        }
        if start <= today, start.days(to: today) / 7 < weeks {
            out += "<line class=\"today\" x1=\"\(f(x(today)))\" y1=\"14\" x2=\"\(f(x(today)))\" y2=\"\(f(height))\" stroke=\"#d32f2f\" stroke-width=\"1.5\"><title>\(l.t("i dag", "today")) \(today)</title></line>\n"
        }
        return out + "</svg>"
    }

    /// The legend of the chart's colours.
    static func legend(language l: Language) -> String {
        let items: [(Activity, String)] = [(.home, l.t("hemklinik", "home clinic")), (.rotation, l.t("randning", "rotation")), (.course, l.t("kurs", "course")),
                                           (.research, l.t("vetenskapligt arbete", "research")), (.quality, l.t("kvalitetsarbete", "quality work")),
                                           (.vacation, l.t("semester", "vacation")), (.leave, l.t("ledighet", "leave")), (.buffer, l.t("buffert", "buffer"))]
        return "<p id=\"legend\">" + items.map { "<span style=\"display:inline-block;width:1em;height:1em;background:\(colors[$0.0]!);vertical-align:middle\"></span> \($0.1)" }
            .joined(separator: " &nbsp; ") + " &nbsp; <span style=\"color:#d32f2f\">|</span> \(l.t("i dag", "today"))</p>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

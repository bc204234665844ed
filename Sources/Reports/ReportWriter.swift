import Foundation
import STCore

/// The report formats `stplan report` and `stplan plan` write.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// `plan.md`, `todo.md` (the director of studies' list) and `iup/ID.md` (each trainee's IUP)
    case md
    /// `weeks.csv` and `blocks.csv` (for Swedish Excel by default; see ``CSVDialect``)
    case csv
    /// `plan.html` and `iup/ID.html`
    case html
    /// `calendar/trainee-ID.ics`, `calendar/supervisor-ID.ics` and `calendar/studierektor.ics`
    case ics
}

/// The report files of a plan (the command line writes them, as one set with plan.json).
public enum ReportWriter {
    /// Each file's path (relative to the output directory) and text, in a stable order.
    public static func files(_ plan: Plan, formats: [ReportFormat], today: CivilDate, language: ReportLanguage,
                             csv: CSVDialect = .excel) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for f in ReportFormat.allCases where formats.contains(f) {
            switch f {
            case .md:
                out.append(("plan.md", MarkdownReport.text(plan, language: language)))
                out.append(("todo.md", DirectorList.markdown(plan, today: today, language: language)))
            case .csv:
                out += [("weeks.csv", CSVReport.weeks(plan, dialect: csv, language: language)),
                        ("blocks.csv", CSVReport.blocks(plan, dialect: csv, language: language))]
            case .html: out.append(("plan.html", HTMLReport.text(plan, today: today, language: language)))
            case .ics:
                out += ICSReport.files(plan, stamp: today, language: language).map { ("calendar/" + $0.name, $0.text) }
                let director = DirectorList.ics(plan, stamp: today, language: language)
                out.append(("calendar/" + director.name, director.text))
            }
        }
        // Each trainee's individual training plan, with the Markdown and HTML reports.
        return out + IUPReport.files(plan, markdown: formats.contains(.md), html: formats.contains(.html), language: language)
    }

    /// The report files, or with `trainee` only that
    /// trainee's individual training plan (`iup/ID.md` and `iup/ID.html`, as `formats` ask; both when they ask neither).
    public static func files(_ plan: Plan, formats: [ReportFormat], today: CivilDate, language: ReportLanguage,
                             csv: CSVDialect = .excel, trainee: String?) -> [(path: String, text: String)] {
        guard let trainee else { return files(plan, formats: formats, today: today, language: language, csv: csv) }
        let either = formats.contains(.md) || formats.contains(.html)
        return IUPReport.files(plan, markdown: !either || formats.contains(.md), html: !either || formats.contains(.html), trainee: trainee, language: language)
    }

    /// The format a report file of ``files(_:formats:today:language:csv:)`` belongs to, from its path; nil for
    /// files that are no report (`plan.json`, `changes.md`, …).
    public static func format(of path: String) -> ReportFormat? {
        switch path {
        case "plan.md", "todo.md": return .md
        case "weeks.csv", "blocks.csv": return .csv
        case "plan.html": return .html
        default:
            if path.hasPrefix("calendar/") && path.hasSuffix(".ics") { return .ics }
            if path.hasPrefix("iup/") && path.hasSuffix(".md") { return .md }
            if path.hasPrefix("iup/") && path.hasSuffix(".html") { return .html }
            return nil
        }
    }

    /// The names the reports have whatever the plan (the others are per trainee or supervisor).
    public static let fixedNames = ["plan.md", "todo.md", "weeks.csv", "blocks.csv", "plan.html"]

    /// Today's date in the local time zone (``CivilDate/today()``).
    public static func today() -> CivilDate { CivilDate.today() }
}

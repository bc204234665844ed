import Foundation
import STCore

/// The report formats `stplan report` and `stplan plan` write.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// `plan.md`
    case md
    /// `weeks.csv` and `blocks.csv`
    case csv
    /// `plan.html`
    case html
    /// `calendar/trainee-ID.ics` and `calendar/supervisor-ID.ics`
    case ics
}

/// Writes the reports of a plan into a directory.
public enum ReportWriter {
    /// Each file's path (relative to the output directory) and text, in a stable order.
    public static func files(_ plan: Plan, formats: [ReportFormat], today: CivilDate, language: ReportLanguage) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for f in ReportFormat.allCases where formats.contains(f) {
            switch f {
            case .md: out.append(("plan.md", MarkdownReport.text(plan, language: language)))
            case .csv: out += [("weeks.csv", CSVReport.weeks(plan)), ("blocks.csv", CSVReport.blocks(plan))]
            case .html: out.append(("plan.html", HTMLReport.text(plan, today: today, language: language)))
            case .ics: out += ICSReport.files(plan, stamp: today, language: language).map { ("calendar/" + $0.name, $0.text) }
            }
        }
        return out
    }

    /// Writes the files under `directory` and returns their paths.
    public static func write(_ plan: Plan, formats: [ReportFormat], to directory: String, today: CivilDate, language: ReportLanguage) throws -> [String] {
        var paths: [String] = []
        for (path, text) in files(plan, formats: formats, today: today, language: language) {
            let full = (directory as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
            paths.append(full)
        }
        return paths
    }

    /// Today's date in the local time zone.
    public static func today() -> CivilDate {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

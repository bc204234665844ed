import STCore

/// How the CSV files are written.
public enum CSVDialect: String, CaseIterable, Sendable {
    /// For Excel with Swedish regional settings (the default): semicolons between fields, a decimal comma, UTF-8
    /// with a byte-order mark (so that Excel reads å, ä and ö), headers and activities in the report's language,
    /// names beside the ids.
    case excel
    /// The machine form: RFC 4180, commas, a decimal point, no byte-order mark, English column names and ids only
    /// (the form before issue 15; `--csv rfc4180`).
    case rfc4180
}

/// `weeks.csv` (one row per trainee-week, the plan file's week entries) and `blocks.csv` (one row per block), with
/// a header row and CRLF line ends, in either ``CSVDialect``.
public enum CSVReport {
    /// One row per trainee-week.
    public static func weeks(_ plan: Plan, dialect: CSVDialect = .rfc4180, language: ReportLanguage = ReportLanguage()) -> String {
        switch dialect {
        case .rfc4180:
            var rows = [["trainee", "week", "iso_week", "activity", "unit", "rotation", "counts", "courses", "research", "quality",
                         "self_study_hours", "supervision_hours", "events", "goals"]]
            for t in plan.trainees {
                for w in t.weeks {
                    rows.append([t.id, w.week.description, w.week.isoWeekLabel, w.activity.rawValue, w.unit ?? "", w.rotation ?? "",
                                 JSONValue.format(w.counts), w.courses.joined(separator: ";"), JSONValue.format(w.research), JSONValue.format(w.quality),
                                 String(w.selfStudyHours), JSONValue.format(w.supervisionHours),
                                 w.events.map { "\($0.kind.rawValue)@\($0.date)" + ($0.subject.map { ":\($0)" } ?? "") }.joined(separator: ";"),
                                 w.goals.joined(separator: ";")])
                }
            }
            return table(rows, separator: ",")
        case .excel:
            let l = language
            // Excel with Swedish settings reads a decimal comma, whatever the report's language.
            let n = { (x: Double) in ReportLanguage(english: false).number(x) }
            let header: [Phrase] = [.trainee, .id, .week, .isoWeek, .activityColumn, .unit, .rotation, .counts, .courses, .research, .quality,
                                    .selfStudyColumn, .supervisionColumn, .events, .goals]
            var rows = [header.map { l[$0] }]
            for t in plan.trainees {
                for w in t.weeks {
                    rows.append([t.name ?? t.id, t.id, w.week.description, w.week.isoWeekLabel, l.activity(w.activity, leave: w.leave),
                                 w.unit.map { PlanFacts.name(plan, $0) } ?? "", w.rotation.map { PlanFacts.rotationName(plan, $0) } ?? "",
                                 n(w.counts), w.courses.map { PlanFacts.courseName(plan, $0) }.joined(separator: ", "),
                                 n(w.research), n(w.quality), String(w.selfStudyHours), n(w.supervisionHours),
                                 w.events.map { "\($0.date) \(l.event($0, plan.catalog))" }.joined(separator: ", "),
                                 w.goals.map { PlanFacts.goalName(plan, $0) }.joined(separator: ", ")])
                }
            }
            return byteOrderMark + table(rows, separator: ";")
        }
    }

    /// One row per block (a run of weeks with the same activity, unit and rotation).
    public static func blocks(_ plan: Plan, dialect: CSVDialect = .rfc4180, language: ReportLanguage = ReportLanguage()) -> String {
        let l = language
        var rows: [[String]]
        switch dialect {
        case .rfc4180: rows = [["trainee", "activity", "unit", "rotation", "from", "to", "weeks", "st_month"]]
        case .excel:
            let header: [Phrase] = [.trainee, .id, .activityColumn, .unit, .rotation, .from, .to, .weeksColumn, .stMonth]
            rows = [header.map { l[$0] }]
        }
        for t in plan.trainees {
            let before = t.clockBefore
            for b in t.blocks {
                let w = t.weeks.firstIndex { $0.week == b.from } ?? 0
                let month = String(PlanFacts.stMonth(before[w]))
                switch dialect {
                case .rfc4180:
                    rows.append([t.id, b.activity.rawValue, b.unit ?? "", b.rotation ?? "", b.from.description, b.to.description, String(b.weeks), month])
                case .excel:
                    rows.append([t.name ?? t.id, t.id, l.activity(b.activity, leave: b.leave), b.unit.map { PlanFacts.name(plan, $0) } ?? "",
                                 b.rotation.map { PlanFacts.rotationName(plan, $0) } ?? "", b.from.description, b.to.description, String(b.weeks), month])
                }
            }
        }
        return dialect == .excel ? byteOrderMark + table(rows, separator: ";") : table(rows, separator: ",")
    }

    /// UTF-8's byte-order mark, by which Excel knows the file's encoding.
    static let byteOrderMark = "\u{FEFF}"

    static func table(_ rows: [[String]], separator: Character) -> String {
        var out = ""
        for row in rows {
            for (i, f) in row.enumerated() {
                if i > 0 { out.append(separator) }
                out += field(f, separator: separator)
            }
            out += "\r\n"
        }
        return out
    }

    /// A field, quoted (its quotes doubled) when it holds the separator, a quote or a line end.
    static func field(_ s: String, separator: Character) -> String {
        let sep = separator.asciiValue!
        return s.utf8.contains(where: { $0 == sep || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            ? "\"" + Escaping.replace(s) { $0 == "\"" ? "\"\"" : nil } + "\"" : s
    }
}

import STCore

/// `weeks.csv` (one row per trainee-week, the plan file's week entries) and `blocks.csv` (one row per block),
/// RFC 4180 with a header row, comma-separated, CRLF line ends.
public enum CSVReport {
    public static func weeks(_ plan: Plan) -> String {
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
        return table(rows)
    }

    public static func blocks(_ plan: Plan) -> String {
        var rows = [["trainee", "activity", "unit", "rotation", "from", "to", "weeks", "st_month"]]
        for t in plan.trainees {
            let before = t.clockBefore
            for b in t.blocks {
                let w = t.weeks.firstIndex { $0.week == b.from } ?? 0
                rows.append([t.id, b.activity.rawValue, b.unit ?? "", b.rotation ?? "", b.from.description, b.to.description,
                             String(b.weeks), String(PlanFacts.stMonth(before[w]))])
            }
        }
        return table(rows)
    }

    static func table(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            for (i, f) in row.enumerated() {
                if i > 0 { out += "," }
                out += field(f)
            }
            out += "\r\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) ? "\"" + Escaping.replace(s) { $0 == "\"" ? "\"\"" : nil } + "\"" : s
    }
}

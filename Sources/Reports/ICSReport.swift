import STCore

/// iCalendar files (RFC 5545): one per trainee and one per supervisor, with all-day events for supervision
/// meetings, courses, rotation starts, deadlines and the other events. UIDs are derived from the trainee, the
/// event's kind, date and subject, so a re-import updates events instead of duplicating them.
public enum ICSReport {
    /// A calendar file's name and text.
    public struct File: Sendable, Equatable {
        public var name: String
        public var text: String
    }

    /// Every calendar: `trainee-ID.ics` for each trainee, `supervisor-ID.ics` for each supervisor with trainees.
    /// `stamp` is the DTSTAMP (the day the files are made).
    public static func files(_ plan: Plan, stamp: CivilDate, language: ReportLanguage = ReportLanguage()) -> [File] {
        var out: [File] = []
        for t in plan.trainees {
            out.append(File(name: "trainee-\(t.id).ics",
                            text: calendar("\(t.name ?? t.id): ST", events(plan, t, language).map { vevent($0, prefix: t.id, stamp: stamp) })))
        }
        for s in plan.catalog?.supervisors ?? [] {
            let mine = plan.trainees.filter { $0.supervisor == s.id }
            guard !mine.isEmpty else { continue }
            var lines: [[String]] = []
            for t in mine {
                for e in events(plan, t, language) where e.supervisorSees {
                    var e = e
                    e.summary = "\(t.name ?? t.id): \(e.summary)"
                    lines.append(vevent(e, prefix: "\(s.id)-\(t.id)", stamp: stamp))
                }
            }
            out.append(File(name: "supervisor-\(s.id).ics", text: calendar("\(s.name): \(language.english ? "supervision" : "handledning")", lines)))
        }
        return out
    }

    struct Item {
        var key: String
        var start: CivilDate
        /// Exclusive end (all-day events).
        var end: CivilDate
        var summary: String
        var supervisorSees: Bool
    }

    static func events(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> [Item] {
        var items: [Item] = []
        for b in t.blocks where b.activity == .rotation || b.activity == .research || b.activity == .quality {
            let what = b.activity == .rotation ? "\(L.activity(.rotation)): \(PlanFacts.name(plan, b.unit ?? "?"))" : L.activity(b.activity)
            items.append(Item(key: "block-\(b.activity.rawValue)-\(b.from)", start: b.from, end: b.from.adding(days: 1),
                              summary: "\(what) \(L.english ? "starts" : "börjar") (\(L.weeks(b.weeks)))", supervisorSees: true))
        }
        for w in t.weeks {
            for c in w.courses {
                guard let course = plan.catalog?.courses.first(where: { $0.id == c }),
                      let s = course.sessions.first(where: { $0.start >= w.week && $0.start < w.week.adding(days: 7) }) else { continue }
                let key = "course-\(c)-\(s.start)"
                guard !items.contains(where: { $0.key == key }) else { continue }
                items.append(Item(key: key, start: s.start, end: workingDaysEnd(s.start, s.days), summary: "\(L.activity(.course)): \(course.name)", supervisorSees: false))
            }
            for e in w.events {
                items.append(Item(key: "\(e.kind.rawValue)-\(e.date)" + (e.subject.map { "-" + $0 } ?? ""), start: e.date, end: e.date.adding(days: 1),
                                  summary: L.event(e, plan.catalog), supervisorSees: e.kind != .applicationDeadline))
            }
        }
        return items.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
    }

    /// The day after the last of `days` working days from `start`.
    static func workingDaysEnd(_ start: CivilDate, _ days: Int) -> CivilDate {
        var d = start
        var left = days
        while left > 0 {
            if d.weekday <= 5 { left -= 1 }
            d = d.adding(days: 1)
        }
        return d
    }

    static func vevent(_ e: Item, prefix: String, stamp: CivilDate) -> [String] {
        [
            "BEGIN:VEVENT",
            "UID:\(uidSafe("\(prefix)-\(e.key)"))@stplan",
            "DTSTAMP:\(compact(stamp))T000000Z",
            "DTSTART;VALUE=DATE:\(compact(e.start))",
            "DTEND;VALUE=DATE:\(compact(e.end))",
            "SUMMARY:\(escape(e.summary))",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    }

    static func calendar(_ name: String, _ events: [[String]]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ST-planeraren//stplan//SV", "CALSCALE:GREGORIAN", "X-WR-CALNAME:\(escape(name))"]
        for e in events { lines += e }
        lines.append("END:VCALENDAR")
        var out = ""
        for line in lines { out += fold(line) }
        return out
    }

    /// `YYYYMMDD`.
    static func compact(_ d: CivilDate) -> String {
        "\(d.year)\(d.month < 10 ? "0" : "")\(d.month)\(d.day < 10 ? "0" : "")\(d.day)"
    }

    static func uidSafe(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let v = u.value
            let keep = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || u == "-" || u == "_" || u == "."
            out.unicodeScalars.append(keep ? u : "_")
        }
        return out
    }

    /// TEXT escaping: backslash, semicolon, comma and newline.
    static func escape(_ s: String) -> String {
        Escaping.replace(s) {
            switch $0 {
            case "\\": return "\\\\"
            case ";": return "\\;"
            case ",": return "\\,"
            case "\n": return "\\n"
            default: return nil
            }
        }
    }

    /// A content line folded at 75 octets (never inside a UTF-8 character), ending in CRLF.
    static func fold(_ line: String) -> String {
        if line.utf8.count <= 75 { return line + "\r\n" }
        var out = ""
        var current = 0
        var limit = 75
        for ch in line {
            let n = ch.utf8.count
            if current + n > limit {
                out += "\r\n "
                current = 0
                limit = 74
            }
            out.append(ch)
            current += n
        }
        return out + "\r\n"
    }
}

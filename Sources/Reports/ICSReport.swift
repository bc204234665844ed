import STCore

/// iCalendar files (RFC 5545): one per trainee and one per supervisor. Meetings (supervision, follow-ups,
/// local supervisor, sit-ins, assessments, reviews, the training plan, the specialist board) have a time of day
/// and a length in Swedish time (`TZID=Europe/Stockholm`, with its VTIMEZONE) and show as busy; course days are
/// busy all-day events; rotations, research, quality work, vacation and leave are all-day spans that show as free;
/// deadlines and bookings are free all-day events. UIDs are derived from the trainee, the event's kind, date and
/// subject, so a re-import updates events instead of duplicating them.
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
            out.append(File(name: "supervisor-\(s.id).ics", text: calendar("\(s.name): \(language[.supervisionCalendar])", lines)))
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
        /// A meeting's start as minutes after midnight and its length in minutes; `nil` for an all-day event.
        var time: (start: Int, minutes: Int)? = nil
        /// Shown as busy (meetings and course days) rather than free (spans, deadlines).
        var busy: Bool = false
    }

    /// The time of day (minutes after midnight) and length (minutes) of a meeting, `nil` for an event without one
    /// (deadlines, bookings). Fixed per kind so that two meetings on one day do not overlap: sit-in 08–12,
    /// the local supervisor 09–10, supervision and follow-ups from 13 for their hours, assessments, reviews and the
    /// specialist board 15–16, the training plan 16–16.30, the supervision agreement 16.30–17.
    static func meetingTime(_ e: Plan.Event) -> (start: Int, minutes: Int)? {
        switch e.kind {
        case .sitIn: return (8 * 60, 240)
        case .localSupervisor: return (9 * 60, 60)
        case .supervision, .followUp: return (13 * 60, max(15, Int(((e.hours ?? 1) * 60).rounded())))
        case .assessment, .yearlyReview, .specialistBoard: return (15 * 60, 60)
        case .trainingPlan: return (16 * 60, 30)
        case .supervisionAgreement: return (16 * 60 + 30, 30)
        case .applicationDeadline, .booking: return nil
        }
    }

    static func events(_ plan: Plan, _ t: Plan.TraineePlan, _ L: ReportLanguage) -> [Item] {
        var items: [Item] = []
        // Spans: from the block's Monday to the Friday of its last week (leave to its Sunday).
        for b in t.blocks where [.rotation, .research, .quality, .vacation, .leave].contains(b.activity) {
            let what = b.activity == .rotation ? "\(L.activity(.rotation)): \(PlanFacts.name(plan, b.unit ?? "?"))" : L.activity(b.activity, leave: b.leave)
            let end = b.activity == .leave ? b.to.adding(days: 1) : b.from.adding(days: 7 * (b.weeks - 1) + 5)
            items.append(Item(key: "block-\(b.activity.rawValue)-\(b.from)", start: b.from, end: end,
                              summary: "\(what) (\(L.weeks(b.weeks)))", supervisorSees: true))
        }
        for w in t.weeks {
            for c in w.courses {
                guard let course = plan.catalog?.courses.first(where: { $0.id == c }),
                      let s = course.sessions.first(where: { $0.start >= w.week && $0.start < w.week.adding(days: 7) }) else { continue }
                let key = "course-\(c)-\(s.start)"
                guard !items.contains(where: { $0.key == key }) else { continue }
                items.append(Item(key: key, start: s.start, end: workingDaysEnd(s.start, s.days), summary: "\(L.activity(.course)): \(course.name)",
                                  supervisorSees: false, busy: true))
            }
            for e in w.events {
                let time = meetingTime(e)
                items.append(Item(key: "\(e.kind.rawValue)-\(e.date)" + (e.subject.map { "-" + $0 } ?? ""), start: e.date, end: e.date.adding(days: 1),
                                  summary: L.event(e, plan.catalog), supervisorSees: e.kind != .applicationDeadline, time: time, busy: time != nil))
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
        var lines = ["BEGIN:VEVENT", "UID:\(uidSafe("\(prefix)-\(e.key)"))@stplan", "DTSTAMP:\(compact(stamp))T000000Z"]
        if let t = e.time {
            lines += ["DTSTART;TZID=\(zone):\(compact(e.start))T\(clock(t.start))", "DTEND;TZID=\(zone):\(compact(e.start))T\(clock(t.start + t.minutes))"]
        } else {
            lines += ["DTSTART;VALUE=DATE:\(compact(e.start))", "DTEND;VALUE=DATE:\(compact(e.end))"]
        }
        lines += ["SUMMARY:\(escape(e.summary))", "TRANSP:\(e.busy ? "OPAQUE" : "TRANSPARENT")", "END:VEVENT"]
        return lines
    }

    /// The time zone of every timed event: Swedish time, with its daylight-saving rule (RFC 5545 3.6.5).
    static let zone = "Europe/Stockholm"
    static let timezone = [
        "BEGIN:VTIMEZONE", "TZID:\(zone)",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `HHMMSS` of `minutes` after midnight.
    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return "\(h < 10 ? "0" : "")\(h)\(m < 10 ? "0" : "")\(m)00"
    }

    static func calendar(_ name: String, _ events: [[String]]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ST-planeraren//stplan//SV", "CALSCALE:GREGORIAN", "X-WR-CALNAME:\(escape(name))"]
        lines += timezone
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

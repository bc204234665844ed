import Foundation
@testable import Reports
import STCore
import Testing

/// Golden files for plan.md, the CSV files, plan.html and the iCalendar files, on a fixed plan with a catalog,
/// events, supervision and self-study. Re-record with STPLAN_RECORD_GOLDEN=1 swift test --filter ReportsTests.
@Suite("Report formats")
struct ReportGoldenTests {
    static let today = CivilDate(iso: "2027-01-20")!

    static func richPlan() -> Plan {
        var p = SummaryGoldenTests.fixedPlan()
        p.calendar.periods = "term"
        p.catalog = Plan.Catalog(
            units: [.init(id: "med", name: "Medicinkliniken"), .init(id: "iva", name: "IVA, Centrallasarettet")],
            courses: [.init(id: "sk-a", name: "SK-kurs A; akut", kind: "sk", sessions: [.init(start: CivilDate(iso: "2027-01-06")!, days: 3)])],
            rotations: [.init(id: "iva", name: "IVA")],
            supervisors: [.init(id: "lars", name: "Lars Berg", hoursPerMonth: 4)],
            selfStudy: ["p": 2],
            programs: [.init(id: "p", name: "ST i internmedicin")],
            goals: [.init(id: "a1", name: "Medarbetarskap, ledarskap och pedagogik", program: "p"), .init(id: "c2", name: "Intensivvård", program: "p"),
                    .init(id: "c9", name: "Ett delmål som planen ännu inte når", program: "p")])
        p.trainees[0].name = "Anna Ek"
        p.trainees[0].supervisor = "lars"
        let d = { (w: Int, day: Int) in p.trainees[0].weeks[w].week.adding(days: day) }
        p.trainees[0].weeks[0].selfStudyHours = 2
        p.trainees[0].weeks[0].supervisionHours = 1
        p.trainees[0].weeks[0].events = [
            .init(kind: .supervision, date: d(0, 1), with: "lars", hours: 1),
            .init(kind: .trainingPlan, date: d(0, 2), subject: "signed"),
            .init(kind: .supervisionAgreement, date: d(0, 1), with: "lars"),
            .init(kind: .booking, date: CivilDate(iso: "2026-10-12")!, subject: "iva"),
            .init(kind: .applicationDeadline, date: CivilDate(iso: "2026-10-01")!, subject: "sk-a"),
        ]
        p.trainees[0].weeks[0].courses = ["sk-a"]
        p.trainees[0].weeks[1].selfStudyHours = 2
        p.trainees[0].weeks[2].events = [.init(kind: .localSupervisor, date: d(2, 2), subject: "iva", with: "Eva Kron, överläkare")]
        p.trainees[0].weeks[2].goals = ["c2", "a1"]
        p.trainees[0].weeks[3].supervisionHours = 1
        p.trainees[0].weeks[3].events = [
            .init(kind: .followUp, date: d(3, 2), subject: "iva", with: "lars", hours: 1),
            .init(kind: .sitIn, date: d(3, 2), subject: "iva"),
            .init(kind: .assessment, date: d(3, 3)),
        ]
        return p
    }


    static func files(_ p: Plan, english: Bool = false) -> [(path: String, text: String)] {
        ReportWriter.files(p, formats: ReportFormat.allCases, today: today, language: ReportLanguage(english: english))
    }

    @Test("every report in Swedish matches its golden file")
    func swedish() throws {
        for f in Self.files(Self.richPlan()) { try expectGolden("sv/" + f.path, f.text) }
    }

    @Test("plan.md and plan.html in English match their golden files")
    func english() throws {
        for f in Self.files(Self.richPlan(), english: true) where f.path.hasPrefix("plan.") || f.path.hasPrefix("iup/") { try expectGolden("en/" + f.path, f.text) }
    }

    /// The CSV files for Swedish Excel (issue 15): semicolons, a decimal comma, a byte-order mark, names; and the
    /// form before, which `--csv rfc4180` keeps byte for byte (its golden files are the ones recorded before).
    @Test("CSV for Swedish Excel, and the RFC 4180 form kept as it was")
    func csvDialects() throws {
        let plan = Self.richPlan()
        try expectGolden("rfc4180/weeks.csv", CSVReport.weeks(plan, dialect: .rfc4180))
        try expectGolden("rfc4180/blocks.csv", CSVReport.blocks(plan, dialect: .rfc4180))
        let excel = CSVReport.weeks(plan, dialect: .excel, language: ReportLanguage())
        #expect(excel.unicodeScalars.first == "\u{FEFF}")
        let lines = excel.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0].hasPrefix("ST-läkare;Id;Vecka;ISO-vecka;Aktivitet;Enhet;Randning;Räknas"))
        // Every row has the header's fields (no field holds a semicolon unquoted).
        let fields = { (line: String) in CSVParser.fields(line, separator: ";").count }
        #expect(lines.allSatisfy { fields($0) == fields(lines[0]) }, "\(lines.map(fields))")
        #expect(lines.contains { $0.hasPrefix("Anna Ek;anna;") && $0.contains(";Randning;IVA, Centrallasarettet;IVA;") })
        #expect(!excel.contains("1.0") && excel.contains(";1,0;") && !excel.contains(";rotation;"))
        // In English too: Excel with Swedish settings reads a decimal comma (it wrote a point there before).
        let english = CSVReport.weeks(plan, dialect: .excel, language: ReportLanguage(english: true))
        #expect(english.contains(";1,0;") && !english.contains(";1.0;") && english.dropFirst().hasPrefix("Trainee;Id;Week"))
    }

    @Test("the same plan gives byte-identical reports, also after a round trip through plan.json")
    func deterministic() throws {
        let a = Self.files(Self.richPlan())
        let b = Self.files(try PlanFile.decode(Data(PlanFile.encode(Self.richPlan()).utf8)))
        #expect(a.map(\.path) == b.map(\.path))
        for (x, y) in zip(a, b) { #expect(x.text == y.text, "\(x.path) differs") }
    }

    @Test("every calendar file parses as RFC 5545 with unique UIDs and the events of the plan")
    func icsValid() throws {
        let files = ICSReport.files(Self.richPlan(), stamp: Self.today)
        #expect(files.map(\.name) == ["trainee-anna.ics", "supervisor-lars.ics"])
        for f in files {
            let cal = try ICSParser.parse(f.text)
            #expect(Set(cal.map { $0["UID"] ?? "" }).count == cal.count, "\(f.name): duplicate UIDs")
            #expect(cal.allSatisfy { $0["DTSTAMP"] == "20270120T000000Z" })
        }
        let anna = try ICSParser.parse(files[0].text)
        // The course with its three working days, escaped text, and the follow-up.
        let course = anna.first { $0["SUMMARY"] == "Kurs: SK-kurs A; akut" }
        #expect(course?["DTSTART;VALUE=DATE"] == "20270106" && course?["DTEND;VALUE=DATE"] == "20270109")
        #expect(anna.contains { $0["SUMMARY"]?.hasPrefix("Uppföljning av huvudhandledaren") == true })
        #expect(anna.contains { $0["SUMMARY"] == "Lokal handledare: Eva Kron, överläkare" })
        // The supervisor does not get the trainee's application deadlines.
        let lars = try ICSParser.parse(files[1].text)
        #expect(!lars.contains { $0["SUMMARY"]?.contains("ansökningsdag") == true })
        #expect(lars.contains { $0["SUMMARY"]?.hasPrefix("Anna Ek: Handledningssamtal") == true })
        // Meetings have a time of day and a length in Swedish time and show as busy; rotations are free spans.
        let meeting = try #require(anna.first { $0["SUMMARY"]?.hasPrefix("Handledningssamtal") == true })
        #expect(meeting["DTSTART;TZID=Europe/Stockholm"]?.hasSuffix("T130000") == true, "\(meeting)")
        #expect(meeting["DTEND;TZID=Europe/Stockholm"]?.hasSuffix("T140000") == true, "\(meeting)")
        #expect(meeting["TRANSP"] == "OPAQUE")
        let p = Self.richPlan()
        let block = try #require(p.trainees[0].blocks.first { $0.activity == .rotation })
        let span = try #require(anna.first { $0["UID"]?.contains("block-rotation-\(block.from)") == true })
        #expect(span["DTSTART;VALUE=DATE"] == ICSReport.compact(block.from))
        #expect(span["DTEND;VALUE=DATE"] == ICSReport.compact(block.from.adding(days: 7 * block.weeks - 2)), "ends the Saturday after the last Friday")
        #expect(span["TRANSP"] == "TRANSPARENT")
        // The director of studies' calendar: the bookings, deadlines and training plans, in date order.
        let director = try ICSParser.parse(DirectorList.ics(p, stamp: Self.today).text)
        #expect(director.map { $0["SUMMARY"] ?? "" } == ["Anna Ek: Sista ansökningsdag: SK-kurs A; akut", "Anna Ek: Boka randningen senast: IVA, Centrallasarettet",
                                                          "Anna Ek: Utbildningsplanen upprättas och undertecknas"])
        #expect(director[2]["DTSTART;TZID=Europe/Stockholm"] == "20270106T160000")
    }

    @Test("the parser rejects a broken calendar", arguments: [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ])
    func parserRejects(text: String) { #expect(throws: ICSParser.Failure.self) { try ICSParser.parse(text) } }

    @Test("long lines are folded at 75 octets without splitting a character")
    func folding() throws {
        var p = Self.richPlan()
        p.trainees[0].name = String(repeating: "Å", count: 60)
        let text = ICSReport.files(p, stamp: Self.today)[0].text
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(try ICSParser.parse(text).count > 0)
    }
}

/// A strict reader of the iCalendar subset stplan writes: CRLF lines of at most 75 octets, unfolding,
/// BEGIN/END nesting, VERSION 2.0 and PRODID, and UID, DTSTAMP and DTSTART on every VEVENT.
enum ICSParser {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func parse(_ text: String) throws(Failure) -> [[String: String]] {
        guard text.hasSuffix("\r\n") else { throw Failure(description: "does not end in CRLF") }
        let raw = text.dropLast(1).components(separatedBy: "\r\n")  // "\r\n" is one Character
        var lines: [String] = []
        for l in raw {
            if l.contains("\n") || l.contains("\r") { throw Failure(description: "bare LF or CR in \(l)") }
            if l.utf8.count > 75 { throw Failure(description: "line over 75 octets: \(l)") }
            if l.hasPrefix(" ") { guard !lines.isEmpty else { throw Failure(description: "fold at start") }; lines[lines.count - 1] += l.dropFirst() }
            else { lines.append(l) }
        }
        guard lines.first == "BEGIN:VCALENDAR", lines.last == "END:VCALENDAR" else { throw Failure(description: "not a VCALENDAR") }
        guard lines.contains("VERSION:2.0"), lines.contains(where: { $0.hasPrefix("PRODID:") }) else { throw Failure(description: "VERSION or PRODID missing") }
        var events: [[String: String]] = []
        var stack: [String] = []
        var current: [String: String]?
        for l in lines {
            guard let colon = l.firstIndex(of: ":") else { throw Failure(description: "no colon: \(l)") }
            let name = String(l[..<colon]), value = String(l[l.index(after: colon)...])
            if name == "BEGIN" { stack.append(value); if value == "VEVENT" { current = [:] }; continue }
            if name == "END" {
                guard stack.popLast() == value else { throw Failure(description: "END:\(value) does not close its BEGIN") }
                if value == "VEVENT", let e = current {
                    for key in ["UID", "DTSTAMP"] where e[key] == nil { throw Failure(description: "VEVENT without \(key)") }
                    guard e.keys.contains(where: { $0.hasPrefix("DTSTART") }) else { throw Failure(description: "VEVENT without DTSTART") }
                    events.append(e)
                    current = nil
                }
                continue
            }
            if current != nil {
                let unescaped = value.replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
                    .replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\\\", with: "\\")
                current![name] = unescaped
            }
        }
        guard stack.isEmpty else { throw Failure(description: "unclosed \(stack)") }
        // A TZID a date-time names must be defined by a VTIMEZONE (RFC 5545 3.2.19).
        let zones = Set(lines.filter { $0.hasPrefix("TZID:") }.map { String($0.dropFirst(5)) })
        for e in events {
            for key in e.keys where key.contains(";TZID=") {
                let zone = String(key[key.range(of: ";TZID=")!.upperBound...])
                guard zones.contains(zone) else { throw Failure(description: "\(key) names a time zone without a VTIMEZONE") }
            }
        }
        return events
    }
}

/// The individual training plan (IUP) per trainee.
@Suite("IUP")
struct IUPTests {
    @Test("the IUP prints on A4, names every goal of the programme, and a goal nothing serves is marked")
    func iup() {
        let p = ReportGoldenTests.richPlan()
        let html = IUPReport.html(p, trainee: p.trainees[0])
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("Intensivvård (c2)</td><td>Randning: IVA, Centrallasarettet 2027-01-18–2027-01-29"))
        #expect(html.contains("Ett delmål som planen ännu inte når (c9)</td><td><em>inget i planen ännu</em>"))
        for who in ["ST-läkare", "Huvudhandledare", "Studierektor"] { #expect(html.contains("<td>\(who)</td>"), "\(who)") }
        let files = IUPReport.files(p, markdown: true, html: true)
        #expect(files.map(\.path) == ["iup/anna.md", "iup/anna.html"])
        #expect(IUPReport.files(p, markdown: true, html: false, trainee: "nobody").isEmpty)
    }
}

/// A small CSV line reader for the tests: fields split at the separator outside quotes.
enum CSVParser {
    static func fields(_ line: String, separator: Character) -> [String] {
        var out: [String] = [], field = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle(); continue }
            if ch == separator && !quoted { out.append(field); field = ""; continue }
            field.append(ch)
        }
        out.append(field)
        return out
    }
}

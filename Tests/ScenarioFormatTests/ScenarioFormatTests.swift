import Foundation
import ScenarioFormat
import STCore
import Testing

let examplePath = "Scenarios/example.yaml"

func diagnostics(_ yaml: String) -> [Diagnostic] {
    do {
        let (_, warnings) = try ScenarioLoader.parse(data: Data(yaml.utf8), file: "t.yaml")
        return warnings
    } catch {
        return error.diagnostics
    }
}

@Suite("Scenario format")
struct ScenarioFormatTests {
    @Test("the example loads with the meaning of its comments")
    func example() throws {
        let (s, warnings) = try ScenarioLoader.load(path: examplePath)
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(s.trainees.count == 10 && s.units.count == 6)
        let p = try #require(s.program("internmedicin"))
        #expect(p.regulation.requiredWeeks == 260)
        #expect(p.rotation("akut")?.minWeeks == 13)                  // months: 3 = 13 weeks
        #expect(p.rotation("iva")?.minWeeks == 8 && p.rotation("iva")?.maxWeeks == 12)
        #expect(p.rotation("infektion-lunga")?.units == ["inf", "lung"])
        #expect(s.trainees[1].employment == 0.8)
        #expect(s.trainees[3].done == ["akut"] && s.trainees[3].creditedWeeks == 26)
        #expect(s.unit("lung")?.startWindows.count == 2)
        #expect(s.weights.extensionWeek == 1000)
    }

    @Test("every scenario in Scenarios/ loads without a warning: no course day on a public holiday")
    func scenariosClean() throws {
        for f in try FileManager.default.contentsOfDirectory(atPath: "Scenarios").filter({ $0.hasSuffix(".yaml") }).sorted() {
            let (_, warnings) = try ScenarioLoader.load(path: "Scenarios/" + f)
            #expect(warnings.isEmpty, "\(f): \(warnings)")
        }
    }

    @Test("introduction_weeks: 4 by default, 0 turns it off, more than 26 is an error")
    func introductionWeeks() throws {
        let (s, _) = try ScenarioLoader.load(path: examplePath)
        #expect(s.programs.allSatisfy { $0.introductionWeeks == 4 })
        let text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let id = try #require(text.range(of: "  - id: internmedicin\n"))
        var off = text
        off.replaceSubrange(id, with: "  - id: internmedicin\n    introduction_weeks: 0\n")
        let (s0, _) = try ScenarioLoader.parse(data: Data(off.utf8), file: "t.yaml")
        #expect(s0.program("internmedicin")?.introductionWeeks == 0)
        let t = try #require(s0.trainees.first { $0.start >= s0.calendar.start })
        #expect(TraineeTimeline(trainee: t, program: s0.program(t.program)!, grid: s0.grid).introduction.isEmpty)
        let tl = TraineeTimeline(trainee: t, program: s.program(t.program)!, grid: s.grid)
        #expect(tl.introduction == Array(tl.startWeek..<(tl.startWeek + 4)))
        var long = text
        long.replaceSubrange(id, with: "  - id: internmedicin\n    introduction_weeks: 30\n")
        #expect(diagnostics(long).contains { $0.message.contains("30 weeks of introduction is more than 26") }, "\(diagnostics(long))")
    }

    @Test("a programme goal nothing serves, and a rotation goal the programme does not list, are warnings")
    func goalCoverage() throws {
        let text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let (s, _) = try ScenarioLoader.load(path: examplePath)
        #expect(s.program("internmedicin")?.goals.map(\.id) == ["a1", "a5", "c1", "c2", "c3", "c4", "c5"])
        let uncovered = text.replacingOccurrences(of: "min_block_weeks: 4, goals: [c5] }", with: "min_block_weeks: 4, goals: [c6] }")
        let d = diagnostics(uncovered)
        #expect(d.contains { $0.severity == .warning && $0.message.contains("the goal c5 (Infektions- och lungsjukdomar) is served by no rotation or course") }, "\(d)")
        #expect(d.contains { $0.severity == .warning && $0.message.contains("c6 is not one of the program's goals") }, "\(d)")
    }

    @Test("a course session over a public holiday is a warning naming the day")
    func sessionOnHoliday() throws {
        var text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let first = try #require(text.range(of: #"start: \d{4}-\d\d-\d\d, days: 5"#, options: .regularExpression))
        // Ascension week 2028: Monday 22 May, Kristi himmelsfärdsdag on Thursday 25 May.
        text.replaceSubrange(first, with: "start: 2028-05-22, days: 5")
        let d = diagnostics(text)
        #expect(d.contains { $0.severity == .warning && $0.message.contains("2028-05-25, Kristi himmelsfärdsdag") }, "\(d)")
    }

    @Test("a broken copy of the example lists every problem with its line and key path")
    func brokenExample() throws {
        var text = try String(contentsOfFile: examplePath, encoding: .utf8)
        text = text.replacingOccurrences(of: "to: 2028-12-31, kind: parental", with: "to: 2028-02-30, kind: parental")
        text = text.replacingOccurrences(of: "start: 2027-01-04            #", with: "start: 2027-01-05            #")
        text = text.replacingOccurrences(of: "{ min: 8, max: 12 }", with: "{ min: 12, max: 8 }")
        text = text.replacingOccurrences(of: "    capacity: 2                                #", with: "    capacity: -2                               #")
        text = text.replacingOccurrences(of: "    supervisor: lars\n  - id: bo", with: "    supervisr: lars\n  - id: bo")
        text = text.replacingOccurrences(of: "program: internmedicin\n    start: 2027-03-01", with: "program: internmed\n    start: 2027-03-01")
        text = text.replacingOccurrences(of: "unit: kard, weeks: 13", with: "unit: kardio, weeks: 13")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ needle: String) -> Int { (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }
        let d = diagnostics(text).filter { $0.severity == .error }.map(\.description)
        let expected = [
            "t.yaml:\(line("start: 2027-01-05")): calendar.start: 2027-01-05 is not a Monday",
            "t.yaml:\(line("capacity: -2")): units[1].capacity: -2 is negative",
            "t.yaml:\(line("{ min: 12, max: 8 }")): programs[0].rotations[1].weeks.min: min 12 is above max 8",
            "t.yaml:\(line("supervisr: lars")): trainees[0].supervisr: unknown key; did you mean supervisor?",
            "t.yaml:\(line("2028-02-30")): trainees[2].leave[0].to: 2028-02-30 is not a date",
            "t.yaml:\((lines.firstIndex { $0 == "    program: internmed" } ?? -1) + 1): trainees[2].program: unknown program \"internmed\"",
            "t.yaml:\(line("unit: kardio")): programs[0].rotations[0].unit: unknown unit \"kardio\"",
        ]
        for e in expected { #expect(d.contains { $0.hasPrefix(e) }, "missing: \(e)\nin:\n\(d.joined(separator: "\n"))") }
    }

    @Test("a horizon too short for a trainee's ST is reported with the weeks it needs")
    func horizonTooShort() throws {
        let text = try String(contentsOfFile: examplePath, encoding: .utf8).replacingOccurrences(of: "weeks: 340 ", with: "weeks: 300 ")
        let d = diagnostics(text).map(\.description)
        #expect(d.contains { $0.contains("calendar.weeks: 300 weeks is too short for bo's ST") })
        #expect(d.contains { $0.contains("too short for cecilia's ST") })
    }

    @Test("duplicate ids, overlapping leave, unknown course and rotation ids are errors")
    func crossReferences() throws {
        var text = try String(contentsOfFile: examplePath, encoding: .utf8)
        text = text.replacingOccurrences(of: "  - id: iva\n    name: IVA", with: "  - id: kard\n    name: IVA")
        text = text.replacingOccurrences(of: "      - { from: 2028-05-01, to: 2028-12-31, kind: parental }",
                                         with: "      - { from: 2028-05-01, to: 2028-12-31, kind: parental }\n      - { from: 2028-12-01, to: 2029-01-31, kind: sick }")
        text = text.replacingOccurrences(of: "{ course: ledarskap }", with: "{ course: ledarskapp }")
        text = text.replacingOccurrences(of: "done: [ akut ]", with: "done: [ akuten ]")
        let d = diagnostics(text).map(\.description)
        #expect(d.contains { $0.contains("units[2].id: id \"kard\" is used twice") })
        #expect(d.contains { $0.contains("trainees[2].leave[1].from: 2028-12-01 overlaps trainees[2].leave[0]") })
        #expect(d.contains { $0.contains("programs[0].courses[1].course: unknown course \"ledarskapp\"") })
        #expect(d.contains { $0.contains("trainees[3].done: \"akuten\" is not a rotation, course, research, quality or bt") })
    }

    /// Regression: a BT rotation and a BT course both called bt-akut passed validation, and the model then
    /// stopped with "internal error while building the model: model name \"once[im04,bt-akut]\" is used twice".
    @Test("a rotation may not share its id with a course of its program, nor take a reserved id")
    func rotationCourseIDs() throws {
        let yaml = """
        scenario: Ids
        calendar: { start: 2027-01-04, weeks: 300 }
        units:
          - { id: home, home: true }
          - { id: u, capacity: 1 }
        courses:
          - { id: bt-akut, sessions: [ { start: 2027-03-01, days: 3 } ] }
        programs:
          - id: p
            rotations:
              - { id: bt-akut, unit: u, weeks: 4 }
              - { id: research, unit: u, weeks: 4 }
            courses: [ { course: bt-akut } ]
        trainees:
          - { id: t, program: p, start: 2027-01-04 }
        """
        let d = diagnostics(yaml).map(\.description)
        #expect(d.contains { $0.contains("programs[0].rotations[0].id: \"bt-akut\" is also a course of this program") }, "\(d)")
        #expect(d.contains { $0.contains("programs[0].rotations[1].id: \"research\" is reserved") }, "\(d)")
        let fixed = diagnostics(yaml.replacingOccurrences(of: "{ id: bt-akut, unit", with: "{ id: bt-akutsjukvard, unit")
                                    .replacingOccurrences(of: "{ id: research, unit", with: "{ id: forskning, unit"))
        #expect(!fixed.contains { $0.severity == .error }, "\(fixed)")
    }

    @Test("several home clinics: each program names its own, and only a home clinic")
    func homeClinics() throws {
        let yaml = """
        scenario: Region
        calendar: { start: 2027-01-04, weeks: 300 }
        units:
          - { id: med, home: true }
          - { id: kir, home: true }
          - { id: u, capacity: 1 }
        programs:
          - { id: im, home: med, rotations: [ { id: a, unit: u, weeks: 4 } ] }
          - { id: ki, rotations: [ { id: a, unit: u, weeks: 4 } ] }
        trainees:
          - { id: t, program: im, start: 2027-01-04 }
        """
        let d = diagnostics(yaml).map(\.description)
        #expect(d.contains { $0.contains("programs[1].home: is missing: the scenario has 2 home clinics (med, kir)") }, "\(d)")
        #expect(!d.contains { $0.contains("programs[0].home") }, "\(d)")
        let other = diagnostics(yaml.replacingOccurrences(of: "{ id: ki,", with: "{ id: ki, home: u,")).map(\.description)
        #expect(other.contains { $0.contains("programs[1].home: \"u\" is not a home clinic") }, "\(other)")
        let unknown = diagnostics(yaml.replacingOccurrences(of: "{ id: ki,", with: "{ id: ki, home: x,")).map(\.description)
        #expect(unknown.contains { $0.contains("programs[1].home: unknown unit \"x\"") }, "\(unknown)")
        let fine = diagnostics(yaml.replacingOccurrences(of: "{ id: ki,", with: "{ id: ki, home: kir,"))
        #expect(!fine.contains { $0.severity == .error }, "\(fine)")
        // The other program's clinic is a home clinic too: not a receiving unit.
        let rotating = diagnostics(yaml.replacingOccurrences(of: "{ id: ki, rotations: [ { id: a, unit: u,", with: "{ id: ki, home: kir, rotations: [ { id: a, unit: med,"))
            .map(\.description)
        #expect(rotating.contains { $0.contains("programs[1].rotations[0].unit: \"med\" is a home clinic") }, "\(rotating)")
        // One home clinic: programs need not name it.
        let one = diagnostics(yaml.replacingOccurrences(of: "{ id: kir, home: true }", with: "{ id: kir }").replacingOccurrences(of: "home: med, ", with: ""))
        #expect(!one.contains { $0.severity == .error }, "\(one)")
    }

    /// Regression: a cycle in `after` passed the validator; the construction's order then looped for ever.
    @Test("a cycle in after is an error at the first rotation on it, naming the circle")
    func afterCycle() throws {
        let yaml = """
        scenario: Cycle
        calendar: { start: 2027-01-04, weeks: 300 }
        units:
          - { id: home, home: true }
          - { id: u, capacity: 1 }
        programs:
          - id: p
            rotations:
              - { id: a, unit: u, weeks: 4 }
              - { id: b, unit: u, weeks: 4, after: [c] }
              - { id: c, unit: u, weeks: 4, after: [d] }
              - { id: d, unit: u, weeks: 4, after: [b, a] }
        trainees:
          - { id: t, program: p, start: 2027-01-04 }
        """
        let d = diagnostics(yaml).map(\.description)
        #expect(d.filter { $0.contains("go round in a circle") }.count == 1, "\(d)")
        #expect(d.contains { $0.contains("programs[0].rotations[1].after: the after entries go round in a circle (b after c, c after d, d after b)") }, "\(d)")
        #expect(!diagnostics(yaml.replacingOccurrences(of: "after: [b, a]", with: "after: [a]")).contains { $0.description.contains("circle") })
    }

    @Test("a variant file's problems are reported at the variant's file and line, with the merged key path")
    func variantDiagnostics() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-variant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try String(contentsOfFile: examplePath, encoding: .utf8).write(to: dir.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let variant = dir.appendingPathComponent("v.yaml").path
        try """
        variant: Trasig
        base: base.yaml
        units:
          - id: kard
            capacity_overrides:
              - { from: 2029-01-01, to: 2029-12-31, capacity: -1 }
        trainees:
          - id: anna
            leave+:
              - { from: 2029-02-30, to: 2029-03-31, kind: sick }
        """.write(toFile: variant, atomically: true, encoding: .utf8)
        var found: [Diagnostic] = []
        do { _ = try ScenarioLoader.load(path: variant) } catch { found = error.diagnostics.filter { $0.severity == .error } }
        let d = found.map(\.description)
        #expect(d.contains { $0.hasPrefix("\(variant):6: units[1].capacity_overrides[0].capacity: -1 is negative") }, "\(d)")
        #expect(d.contains { $0.hasPrefix("\(variant):10: trainees[0].leave[") && $0.contains("2029-02-30 is not a date") }, "\(d)")
        #expect(found.allSatisfy { $0.file == variant }, "\(d)")
    }

    @Test("wrong types are diagnosed, not crashed on")
    func wrongTypes() {
        let d = diagnostics("scenario: x\ncalendar: [1, 2]\nunits: {}\nprograms: []\ntrainees: []\n").map(\.description)
        #expect(d.contains("t.yaml:2: calendar: expected a mapping of start, weeks, periods…, found a list"))
        #expect(d.contains("t.yaml:3: units: expected a list, found a mapping"))
        #expect(d.contains { $0.contains("trainees: the list is empty") })
    }

    @Test("unreadable and malformed inputs each give one clear message", arguments: [
        ("", "the file is empty"),
        ("\u{0}\u{1}\u{2}binary", "binary data"),
        ("scenario: [unclosed\n", "not valid YAML"),
        ("# only a comment\n", "no YAML document"),
        ("just text", "expected a mapping"),
    ])
    func badText(input: String, message: String) {
        let d = diagnostics(input)
        #expect(d.count == 1)
        #expect(d.first?.description.contains(message) == true, "\(d)")
    }

    @Test("non-UTF-8 bytes are refused")
    func notUTF8() {
        do {
            _ = try ScenarioLoader.parse(data: Data([0xC3, 0x28, 0xFF, 0x41]), file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("not UTF-8"))
        }
    }

    @Test("a missing file, a directory and a 50 MB file are unreadable, not crashes")
    func unreadableFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.yaml")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let h = try FileHandle(forWritingTo: big)
        try h.truncate(atOffset: 50 * 1024 * 1024)
        try h.close()
        for (path, message) in [(dir.appendingPathComponent("nope.yaml").path, "no such file"), (dir.path, "is a directory"), (big.path, "50 MB")] {
            do {
                _ = try ScenarioLoader.load(path: path)
                Issue.record("expected an error for \(path)")
            } catch {
                #expect(error.unreadable)
                #expect(error.description.contains(message), "\(error)")
            }
        }
    }
}

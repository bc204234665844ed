import Foundation
import ScenarioFormat
import STCore
import Testing

/// Issue 17, item 1: every number of the format has a range, checked at its key. Each case below crashed (a Swift
/// trap in week or date arithmetic), ran for minutes or passed validation unnoticed before the bounds.
@Suite("Bounds on every number")
struct BoundsTests {
    static let max = "9223372036854775807"

    /// The example with `old` replaced by `new` (each must occur), and its error diagnostics.
    func errors(_ old: String, _ new: String) throws -> [String] {
        let text = try String(contentsOfFile: examplePath, encoding: .utf8)
        #expect(text.contains(old), "the example no longer contains \(old)")
        return diagnostics(text.replacingOccurrences(of: old, with: new)).filter { $0.severity == .error }.map(\.description)
    }

    @Test("a number beyond its key's range is an error at that key, naming the range", arguments: [
        ("weeks: 340 ", "weeks: \(max) ", "calendar.weeks: \(max) is more than 1200; use a number from 1 to 1200"),
        ("weeks: 340 ", "weeks: 100000000 ", "calendar.weeks: 100000000 is more than 1200"),
        ("start: 2027-01-04            #", "start: 9999-11-01            #", "calendar.start: 9999-11-01 lies outside the years 1900–2200"),
        ("    capacity: 2                                #", "    capacity: \(max) #", "units[1].capacity: \(max) is more than 10000"),
        ("lead_weeks: 16 ", "lead_weeks: 1000000000000 ", "units[1].lead_weeks: 1000000000000 is more than 104"),
        ("weeks: 340 ", "weeks: 99999999999999999999999 ", "calendar.weeks: 99999999999999999999999 is out of range; use a whole number from 1 to 1200"),
        ("lead_weeks: 16 ", "lead_weeks: 2e18 ", "units[1].lead_weeks: \"2e18\" is not a whole number"),
        ("{ start: 2027-03-15, days: 5, seats: 4 }", "{ start: 2027-03-15, days: 5, seats: \(max) }", "courses[0].sessions[0].seats: \(max) is more than 10000"),
        ("{ start: 2027-03-15, days: 5, seats: 4 }", "{ start: 2027-03-15, days: 100000, seats: 4 }", "courses[0].sessions[0].days: 100000 is more than 60"),
        ("{ id: kard, unit: kard, weeks: 13,", "{ id: kard, unit: kard, weeks: \(max),", "programs[0].rotations[0].weeks: \(max) is more than 1200"),
        ("{ id: kard, unit: kard, weeks: 13,", "{ id: kard, unit: kard, weeks: 1201,", "programs[0].rotations[0].weeks: 1201 is more than 1200"),
        ("months: 3, before_month: 12", "months: 1e300, before_month: 12", "programs[0].rotations[2].months: 1e300 is more than 276"),
        ("completion_buffer_weeks: 8 ", "completion_buffer_weeks: 300 ", "completion_buffer_weeks: 300 is more than 104"),
        ("    credited_weeks: 26 ", "    extension_weeks: \(max)\n    credited_weeks: 26 ", "trainees[3].extension_weeks: \(max) is more than 1200"),
        ("    credited_weeks: 26 ", "    extension_weeks: 1000000000000000\n    credited_weeks: 26 ", "trainees[3].extension_weeks: 1000000000000000 is more than 1200"),
        ("    credited_weeks: 26 ", "    credited_weeks: 5000 ", "trainees[3].credited_weeks: 5000 is more than 1200"),
        ("name: Anna Ek", "name: \(String(repeating: "A", count: 201))", "trainees[0].name: is 201 characters long; write at most 200"),
        ("hours_per_month: 5 }", "hours_per_month: 1e10 }", "supervisors[0].hours_per_month: 1e10 is more than 200"),
    ])
    func outOfRange(old: String, new: String, message: String) throws {
        let d = try errors(old, new)
        #expect(d.contains { $0.contains(message) }, "expected \(message) in:\n\(d.joined(separator: "\n"))")
        // A key path's error carries its line, so the user finds the value.
        #expect(d.allSatisfy { $0.hasPrefix("t.yaml:") }, "\(d)")
    }

    @Test("the largest value of each range still loads")
    func largestAccepted() throws {
        for (old, new) in [("lead_weeks: 16 ", "lead_weeks: 104 "), ("completion_buffer_weeks: 8 ", "completion_buffer_weeks: 104 "),
                           ("    capacity: 2                                #", "    capacity: 10000 #")] {
            let d = try errors(old, new)
            #expect(d.isEmpty, "\(new): \(d)")
        }
    }

    @Test("trainees and leave are counted before any work grows with them")
    func listCaps() throws {
        var text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let leave = (0..<201).map { "      - { from: 2029-\(String(format: "%02d", 1 + $0 % 12))-01, to: 2029-\(String(format: "%02d", 1 + $0 % 12))-02, kind: sick }" }
        text = text.replacingOccurrences(of: "    leave:\n      - { from: 2028-05-01, to: 2028-12-31, kind: parental }",
                                         with: "    leave:\n" + leave.joined(separator: "\n"))
        let d = diagnostics(text).filter { $0.severity == .error }.map(\.description)
        #expect(d.contains { $0.contains("trainees[2].leave: has 201 items; a scenario may have at most 200 here") }, "\(d)")
        // 2 001 trainees are refused at `trainees` before one is read.
        let many = "scenario: x\ncalendar: { start: 2027-01-04, weeks: 300 }\nunits: []\nprograms: []\ntrainees: [" +
            Array(repeating: "{ id: a }", count: 2001).joined(separator: ", ") + "]\n"
        #expect(diagnostics(many).contains { $0.description.contains("trainees: has 2001 items; a scenario may have at most 2000 here") })
    }

    /// Found in review: each list was capped alone, so an aliased 1 000-item list under each of 300 units made
    /// 300 000 ranges (the test: 150 units, 150 000) from a few kilobytes of file.
    @Test("aliases that repeat a long list under many items are refused at the budget of all lists together")
    func aliasesMultiplied() {
        let ranges = (0..<1000).map { _ in "{ from: 2027-07-05, to: 2027-07-11 }" }.joined(separator: ", ")
        let units = (2..<150).map { "  - { id: u\($0), capacity: 1, closed: *l }" }.joined(separator: "\n")
        let text = "scenario: x\ncalendar: { start: 2027-01-04, weeks: 300 }\nunits:\n  - { id: h, home: true }\n"
            + "  - { id: u1, capacity: 1, closed: &l [\(ranges)] }\n\(units)\nprograms: []\ntrainees: []\n"
        let d = diagnostics(text).map(\.description)
        #expect(d.contains { $0.contains("the file's lists hold more than 100000 items in all (aliases repeating long lists?)") }, "\(d.prefix(3))")
        #expect(d.count == 1, "\(d.count) diagnostics")
    }
}

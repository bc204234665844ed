import Foundation
@testable import STCore
import Testing

/// Issue 17, item 2: a plan file is untrusted input. Each case below was read and used before (the checker passed
/// it, or `report` and `check` trapped on it, or an id became a path outside `--out`).
@Suite("Plan files are untrusted input")
struct PlanValidatorTests {
    static let golden = PlanReaderTests.golden

    func plan() throws -> Plan { try PlanFile.decode(try Data(contentsOf: Self.golden)) }

    /// The golden plan changed by `edit`, written and read back: the error text, or nil if it reads.
    func message(_ edit: (inout Plan) -> Void) throws -> String? {
        var p = try plan()
        edit(&p)
        do { _ = try PlanFile.decode(Data(PlanFile.encode(p).utf8), file: "x/plan.json"); return nil } catch { return error.description }
    }

    static let catalog = Plan.Catalog(units: [.init(id: "med", name: "Medicin"), .init(id: "iva", name: "IVA")], courses: [],
                                      rotations: [.init(id: "iva", name: "IVA")], supervisors: [.init(id: "lars", name: "Lars", hoursPerMonth: 4)],
                                      selfStudy: [:], programs: [.init(id: "p", name: "P")], goals: nil)

    @Test("the golden plan, with a catalog, reads: the checks refuse nothing stplan writes")
    func goldenReads() throws {
        #expect(try message { _ in } == nil)
        #expect(try message { $0.catalog = Self.catalog; $0.trainees[0].supervisor = "lars" } == nil)
    }

    @Test("each broken plan is refused with the file, the key path and what is wrong")
    func refused() throws {
        let cases: [(String, (inout Plan) -> Void)] = [
            ("x/plan.json: trainees[0].id: \"x/../../../../escape\" is not an id", { $0.trainees[0].id = "x/../../../../escape" }),
            ("x/plan.json: trainees[1]: trainee \"anna\" is listed twice", { $0.trainees.append($0.trainees[0]) }),
            ("x/plan.json: trainees[0].supervisor: unknown supervisor \"olle\"", { $0.catalog = Self.catalog; $0.trainees[0].supervisor = "olle" }),
            ("x/plan.json: calendar.periods: \"fortnight\" is neither term nor quarter", { $0.calendar.periods = "fortnight" }),
            ("x/plan.json: staffing[0].unit: unknown unit \"kir\"", { $0.catalog = Self.catalog; $0.staffing[0].unit = "kir" }),
            ("x/plan.json: trainees[0].blocks[1]: says rotation iva in the week of 2027-01-18, but the week says home med",
             { $0.trainees[0].weeks[2].activity = .home; $0.trainees[0].weeks[2].unit = "med"; $0.trainees[0].weeks[2].rotation = nil }),
            ("x/plan.json: trainees[0].blocks[0].weeks: 3 weeks, but 2027-01-04–2027-01-17 spans 2", { $0.trainees[0].blocks[0].weeks = 3 }),
            ("x/plan.json: trainees[0].blocks[2]: overlaps another block in the week of 2027-01-18", { $0.trainees[0].blocks.insert($0.trainees[0].blocks[1], at: 1) }),
            ("x/plan.json: trainees[0].blocks[2].to: 2027-03-07 is not a Sunday of the calendar", { $0.trainees[0].blocks[2].to = CivilDate(iso: "2027-03-07")! }),
            ("x/plan.json: trainees[0].weeks[0].counts: 1e+308 is outside 0–1", { $0.trainees[0].weeks[0].counts = 1e308 }),
            ("x/plan.json: trainees[0].weeks[0].selfStudyHours: 1000000 is outside 0–40", { $0.trainees[0].weeks[0].selfStudyHours = 1_000_000 }),
            ("x/plan.json: trainees[0].weeks: has 0 entries for a calendar of 6 weeks", { $0.trainees[0].weeks = [] }),
            ("x/plan.json: units[0].load: has 5 entries for a calendar of 6 weeks", { $0.units[0].load.removeLast() }),
            ("x/plan.json: staffing[0].min: has 7 entries for a calendar of 6 weeks", { $0.staffing[0].min.append(1) }),
            ("x/plan.json: trainees[0].weeks[1].week: 2027-01-12 is not week 1 of the calendar (2027-01-11)", { $0.trainees[0].weeks[1].week = CivilDate(iso: "2027-01-12")! }),
            ("x/plan.json: calendar.weeks: 100000000 is outside 1–1200", { $0.calendar.weeks = 100_000_000 }),
            ("x/plan.json: calendar.weeks: 9.223372036854776e+18 is too large a whole number", { $0.calendar.weeks = .max }),
            ("x/plan.json: calendar.start: 9999 lies outside the years 1897–2225", { $0.calendar.start = CivilDate(iso: "9999-11-01")! }),
            ("x/plan.json: trainees[0].extensionWeeks: -5 is outside 0–1200", { $0.trainees[0].extensionWeeks = -5 }),
            ("x/plan.json: trainees[0].name: is 1000 characters long; at most 200 are allowed", { $0.trainees[0].name = String(repeating: "A", count: 1000) }),
            ("x/plan.json: trainees[0].weeks[2].rotation: unknown rotation \"thorax\"", { $0.catalog = Self.catalog; $0.trainees[0].weeks[2].rotation = "thorax" }),
            ("x/plan.json: catalog.units[1]: unit \"med\" is listed twice", { $0.catalog = Self.catalog; $0.catalog?.units[1].id = "med" }),
            ("x/plan.json: history.replans[0].booked[0].trainee: \"../a\" is not an id", {
                $0.history = Plan.History(scenarioHash: "h", scenarioFile: nil, replans: [
                    Plan.Replan(today: CivilDate(iso: "2027-01-11")!, fromPlanHash: "h", fromScenarioHash: nil, stability: "s", changedTrainees: [],
                                changedWeeks: 0, movedBlocks: 0, booked: [Plan.Booking(trainee: "../a", rotation: "iva", unit: "iva", start: CivilDate(iso: "2027-01-18")!)])])
            }),
        ]
        for (expected, edit) in cases {
            let m = try message(edit)
            #expect(m?.contains(expected) == true, "expected \(expected), got \(m ?? "a plan that reads")")
        }
    }

    @Test("a syntax error and a missing field name the file too")
    func fileNamed() throws {
        do { _ = try PlanFile.decode(Data("{\"a\": 1, \"a\": 2}".utf8), file: "y.json"); Issue.record("read") } catch {
            #expect(error.description.hasPrefix("y.json: "), "\(error)")
        }
        do { _ = try PlanFile.decode(Data("{\"format\": \"stplan-plan/1\"}".utf8), file: "y.json"); Issue.record("read") } catch {
            #expect(error.description == "y.json: scenario is missing", "\(error)")
        }
    }
}

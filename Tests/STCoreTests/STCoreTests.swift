import Foundation
import STCore
import Testing

@Suite("Calendar and plan file")
struct STCoreTests {
    @Test("dates parse, validate and count days")
    func dates() {
        #expect(CivilDate(iso: "2028-02-29") != nil)
        #expect(CivilDate(iso: "2027-02-29") == nil)
        #expect(CivilDate(iso: "2028-02-30") == nil)
        #expect(CivilDate(iso: "2027-1-04") == nil)
        for bad in ["2027-01-4x", "+027-01-04", "2027/01/04", "2027-01-045", "２０２７-01-04", "2027-00-10", ""] {
            #expect(CivilDate(iso: bad) == nil, "\(bad)")
        }
        #expect(CivilDate(year: 5, month: 3, day: 9)!.description == "0005-03-09")
        #expect(CivilDate(year: 2027, month: 11, day: 30)!.description == "2027-11-30")
        let d = CivilDate(iso: "2027-01-04")!
        #expect(d.isMonday && d.weekday == 1)
        #expect(d.adding(days: 365).description == "2028-01-04")
        #expect(CivilDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(d.isoWeekLabel == "2027-W01")
        #expect(CivilDate(iso: "2027-03-08")!.isoWeekLabel == "2027-W10")
        #expect(CivilDate(iso: "2021-01-03")!.isoWeekLabel == "2020-W53")
    }

    @Test("ST months: 60 months = 260 weeks, 66 = 286, 3 = 13")
    func months() {
        #expect(STTime.wholeWeeks(months: 60) == 260)
        #expect(STTime.wholeWeeks(months: 66) == 286)
        #expect(STTime.wholeWeeks(months: 3) == 13)
        #expect(STTime.month(afterCounted: 0) == 1)
        #expect(STTime.month(afterCounted: 13) == 4)
    }

    @Test("grid weeks touched by a date range use working days")
    func gridWeeks() {
        let g = WeekGrid(start: CivilDate(iso: "2027-01-04")!, count: 10)
        let r = DateRange(from: CivilDate(iso: "2027-01-09")!, to: CivilDate(iso: "2027-01-18")!)  // Sat … Mon
        #expect(g.weeks(touching: r) == 1..<3)
        #expect(g.firstWeek(onOrAfter: CivilDate(iso: "2027-01-05")!) == 1)
        #expect(g.firstWeek(onOrAfter: CivilDate(iso: "2026-12-28")!) == -1)
    }

    @Test("numbers have a fixed format")
    func numbers() {
        #expect(JSONValue.format(1) == "1.0")
        #expect(JSONValue.format(0.8) == "0.8")
        #expect(JSONValue.format(1.0 / 3) == "0.3333")
        #expect(JSONValue.format(-0.5) == "-0.5")
        #expect(JSONValue.format(260) == "260.0")
        #expect(JSONValue.format(0.05) == "0.05" && JSONValue.format(1.0001) == "1.0001" && JSONValue.format(2.25) == "2.25")
        #expect(JSONValue.format(-0.0001) == "-0.0001" && JSONValue.format(0.00004) == "0.0" && JSONValue.format(10.1) == "10.1")
        #expect(JSONValue.format(-3) == "-3.0" && JSONValue.format(1234.5678) == "1234.5678" && JSONValue.format(.nan) == "null")
    }

    @Test("a plan round-trips through its JSON text byte for byte")
    func roundTrip() throws {
        let monday = CivilDate(iso: "2027-01-04")!
        let weeks = [Plan.WeekEntry(week: monday, activity: .home, unit: "med", counts: 0.8),
                     Plan.WeekEntry(week: monday.adding(days: 7), activity: .rotation, unit: "kard", counts: 0.8, rotation: "kard")]
        let plan = Plan(scenario: "Ä \"quoted\"", calendar: .init(start: monday, weeks: 2),
                        solve: .init(status: "optimal", objective: 1, bound: 1, gap: 0, seconds: 0.25, terms: ["b": 1, "a": 2]),
                        trainees: [.init(id: "a", program: "p", start: monday, requiredWeeks: 260, countedWeeks: 1.6, completion: nil,
                                         extensionWeeks: 0, weeks: weeks, blocks: Plan.blocks(of: weeks))],
                        units: [.init(id: "kard", load: [0, 1], capacity: [2, 2])],
                        staffing: [.init(unit: "med", present: [0.8, 0], min: [1, 1], shortage: [0.2, 1])])
        let text = PlanFile.encode(plan)
        let back = try PlanFile.decode(Data(text.utf8))
        #expect(back == plan)
        #expect(PlanFile.encode(back) == text)
        #expect(text.contains("\"counts\": 0.8"))
        #expect(plan.trainees[0].blocks.count == 2)
        #expect(throws: PlanFileError.self) { try PlanFile.decode(Data("{}".utf8)) }
    }
}

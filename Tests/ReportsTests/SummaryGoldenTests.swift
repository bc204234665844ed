import Foundation
import Reports
import STCore
import Testing

/// Golden files for report output. Re-record with STPLAN_RECORD_GOLDEN=1 swift test --filter ReportsTests.
@Suite("Report golden files")
struct SummaryGoldenTests {
    static func fixedPlan() -> Plan {
        let monday = CivilDate(iso: "2027-01-04")!
        let weeks = (0..<6).map { w -> Plan.WeekEntry in
            let d = monday.adding(days: 7 * w)
            if w < 2 { return .init(week: d, activity: .home, unit: "med", counts: 1) }
            if w < 4 { return .init(week: d, activity: .rotation, unit: "iva", counts: 1, rotation: "iva") }
            if w == 4 { return .init(week: d, activity: .leave, counts: 0) }
            return .init(week: d, activity: .afterEnd, counts: 0)
        }
        return Plan(scenario: "Golden", calendar: .init(start: monday, weeks: 6),
                    solve: .init(status: "optimal", objective: 150, bound: 150, gap: 0, seconds: 1.5,
                                 terms: ["extension": 0, "staffing_shortage": 150]),
                    trainees: [.init(id: "anna", program: "p", start: monday, requiredWeeks: 4, countedWeeks: 4,
                                     completion: monday.adding(days: 35), extensionWeeks: 1, weeks: weeks, blocks: Plan.blocks(of: weeks))],
                    units: [.init(id: "iva", load: [0, 0, 1, 1, 0, 0], capacity: [1, 1, 1, 1, 1, 1])],
                    staffing: [.init(unit: "med", present: [1, 1, 0, 0, 0, 0], min: [1, 1, 1, 1, 1, 1], shortage: [0, 0, 1, 1, 1, 1])])
    }


    @Test("the Swedish summary matches its golden file") func swedish() throws { try expectGolden("summary.sv.txt", Summary.text(Self.fixedPlan())) }
    @Test("the English summary matches its golden file") func english() throws { try expectGolden("summary.en.txt", Summary.text(Self.fixedPlan(), english: true)) }
    @Test("the plan file matches its golden file") func planJSON() throws { try expectGolden("plan.json", PlanFile.encode(Self.fixedPlan())) }
}

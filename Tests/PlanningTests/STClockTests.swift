import Foundation
import GLPKBackend
import PlanCheck
@testable import Planning
import ScenarioFormat
import STCore
import Testing

/// The ST clock (issue 18): weeks served before the calendar and credited weeks count as served, so every month
/// rule, and the ST year, reads served-before + credited + counted weeks. `Tests/Fixtures/st-clock.yaml` is the
/// README's hand-worked example: Anna started ten weeks before the calendar at 80 %, has 26 credited weeks and
/// 13 weeks of parental leave (grid weeks 8–20); her clock is 8 + 26 = 34 weeks on the calendar's first day.
@Suite("ST clock", .serialized)
struct STClockTests {
    static let scenario: Scenario = try! ScenarioLoader.load(path: fixture("st-clock.yaml")).0
    static let plan: Plan = try! Planner(solver: GLPKSolver()).plan(scenario, options: PlannerOptions(timeLimit: 10)).plan!

    static func anna(_ plan: Plan) -> Plan.TraineePlan { plan.trainees.first { $0.id == "a" }! }

    @Test("the clock counts served-before, credited and part-time weeks and stops on leave, as worked by hand in the README")
    func clockByHand() {
        let s = Self.scenario
        let t = TraineeTimeline(trainee: s.trainees[0], program: s.programs[0], grid: WeekGrid(start: s.calendar.start, count: s.calendar.weeks))
        #expect(abs(t.servedBefore - 8) < 1e-9)   // ten weeks before the calendar at 0.8
        #expect(t.credited == 26)
        #expect(abs(t.clock(before: 0) - 34) < 1e-9)
        #expect(abs(t.clock(before: 8) - 40.4) < 1e-9)   // eight weeks at 0.8, then the leave
        #expect(abs(t.clock(before: 21) - 40.4) < 1e-9)  // 13 leave weeks count nothing
        #expect(abs(t.clock(before: 24) - 42.8) < 1e-9)  // still before month 10 (43.33)
        #expect(abs(t.clock(before: 25) - 43.6) < 1e-9)  // month 10 reached: the earliest introduction start
        #expect(abs(t.clock(before: 46) - 60.4) < 1e-9)  // the latest end of month 14 (60.67)
        #expect(abs(t.clock(before: 47) - 61.2) < 1e-9)
        // Completion is unchanged: the ST needs 260 − 26 = 234 counted weeks, served-before included.
        #expect(t.required == 234)
        #expect(abs(t.counted(before: 0) - 8) < 1e-9)
    }

    @Test("the decoder names the leave's kind in every leave week (issue 15, item 8)")
    func leaveKind() {
        let leave = Self.anna(Self.plan).weeks.filter { $0.activity == .leave }
        #expect(leave.count == 13)
        #expect(leave.allSatisfy { $0.leave == "parental" }, "\(leave.map(\.leave))")
        #expect(Self.anna(Self.plan).weeks.allSatisfy { $0.activity == .leave || $0.leave == nil })
    }

    @Test("the planner places the introduction between month 10 and month 14 on that clock, and the checker agrees")
    func plannerUsesTheClock() throws {
        let a = Self.anna(Self.plan)
        let first = try #require(a.weeks.firstIndex { $0.rotation == "intro" })
        let last = try #require(a.weeks.lastIndex { $0.rotation == "intro" })
        // By hand: it may start in grid weeks 25…33 (clock 43.6…50.0) and end by week 46. The clock that leaves
        // credited weeks out put it at week 58 (tests/Fixtures/st-clock-old-clock.plan.json).
        #expect((25...33).contains(first), "intro starts at grid week \(first)")
        #expect(last < 46)
        #expect(a.creditedWeeks == 26)
        #expect(abs(a.clockBefore[first] - (40.4 + 0.8 * Double(first - 21))) < 1e-9)
        let report = PlanChecker.check(Self.plan, against: Self.scenario)
        #expect(report.passed, "\(report.violations.map(\.message))")
    }

    @Test("research must start before month 16 = 69.3 weeks: week 57 (clock 69.2) passes, week 58 (clock 70.0) is caught")
    func researchAtTheBoundary() throws {
        func moved(to start: Int) -> CheckReport {
            var plan = Self.plan
            let t = plan.trainees.firstIndex { $0.id == "a" }!
            var weeks = plan.trainees[t].weeks
            let research = weeks.indices.filter { weeks[$0].activity == .research }
            for w in research { weeks[w] = Plan.WeekEntry(week: weeks[w].week, activity: .home, unit: "home", counts: weeks[w].counts) }
            for w in start..<(start + research.count) {
                weeks[w] = Plan.WeekEntry(week: weeks[w].week, activity: .research, counts: weeks[w].counts, research: 1)
            }
            plan.trainees[t].weeks = weeks
            plan.trainees[t].blocks = Plan.blocks(of: weeks)
            return PlanChecker.check(plan, against: Self.scenario)
        }
        let a = Self.anna(Self.plan)
        try #require(a.weeks[57...61].allSatisfy { $0.activity == .home || $0.activity == .research }, "weeks 57–61 are free for the move")
        #expect(moved(to: 57).violations(of: "research-start").isEmpty)
        let late = moved(to: 58).violations(of: "research-start")
        #expect(late.count == 1)
        #expect(late.first?.message.contains("70.0 weeks of ST time") == true, "\(late.map(\.message))")
    }

    @Test("a plan made with the clock that left credited weeks out fails stplan check, by rule name")
    func oldPlanIsRechecked() throws {
        let old = try PlanFile.read(path: fixture("st-clock-old-clock.plan.json"))
        let report = PlanChecker.check(old, against: Self.scenario)
        let late = report.violations(of: "before-month")
        #expect(late.map(\.trainee) == ["a"], "\(report.violations.map { "\($0.rule): \($0.message)" })")
        #expect(late.first?.message.contains("intro") == true)
    }

    @Test("the ST year counts credited weeks: Anna's first yearly review falls where her clock reaches 52 weeks")
    func yearlyReviewOnTheClock() throws {
        let a = Self.anna(Self.plan)
        let reviews = a.weeks.indices.filter { w in a.weeks[w].events.contains { $0.kind == .yearlyReview && $0.subject == "1" } }
        let w = try #require(reviews.first)
        // The clock reaches 52 in grid week 35 (51.6 before it, 52.4 after); the review is held in the nearest week present.
        #expect(abs(w - 35) <= 2, "first yearly review in grid week \(w)")
        #expect(a.clockBefore[w] > 48)
    }

    @Test("a month limit already past when planning starts is explained with the clock's parts")
    func limitPassedByCredit() throws {
        var s = Self.scenario
        s.trainees[0].creditedWeeks = 60   // clock 68 at the start: past month 14 (60.7) before the first week
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 5))
        #expect(outcome.status == .infeasible)
        let reason = outcome.reasons.joined(separator: "\n")
        #expect(reason.contains("the ST clock of a is at 68.0 weeks"), "\(reason)")
        #expect(reason.contains("8.0 served before the calendar + 60.0 credited"), "\(reason)")
    }

    @Test("the BT block is served in this ST: credited weeks move it unless bt.count_credited")
    func btBlockAndCredit() throws {
        func context(countCredited: Bool) throws -> PlanningContext {
            let yaml = """
            scenario: BT
            calendar: { start: 2027-01-04, weeks: 320 }
            units:
              - { id: home, home: true, staffing: { min: 0 } }
              - { id: pv, capacity: 4 }
              - { id: kard, capacity: 4 }
            programs:
              - id: am
                regulation: HSLF-FS 2021:8
                introduction_weeks: 0
                bt: { weeks: 26, rotations: [bt-pv], count_credited: \(countCredited) }
                rotations:
                  - { id: bt-pv, unit: pv, weeks: 13 }
                  - { id: kard, unit: kard, weeks: 13 }
            trainees:
              - { id: x, program: am, start: 2027-01-04, credited_weeks: 13 }
            """
            return PlanningContext(scenario: try ScenarioLoader.parse(data: Data(yaml.utf8), file: "bt.yaml").0)
        }
        for counts in [false, true] {
            let ctx = try context(countCredited: counts)
            let tc = ctx.trainees[0]
            let bt = try #require(tc.requirements.firstIndex { $0.id == "bt-pv" })
            let kard = try #require(tc.requirements.firstIndex { $0.id == "kard" })
            // Not counted: the block is grid weeks 0–25; counted: the clock starts at 13, so it is weeks 0–12.
            let blockEnd = counts ? 13 : 26
            #expect(ctx.candidates[0][bt].map(\.end).max() == blockEnd)
            #expect(ctx.candidates[0][kard].map(\.start).min() == blockEnd)
        }
    }
}

/// Vacation earned under leave (Semesterlagen 17 §): sick leave up to 180 days and parental leave up to 120 days a
/// year earn vacation as service does; other leave does not.
@Suite("Vacation earned under leave")
struct VacationEarningTests {
    /// The weeks of vacation due in 2028 for a trainee with `leave` (a YAML flow list) in that year.
    static func due2028(_ leave: String, earning: String = "") throws -> Int {
        let yaml = """
        scenario: Semester
        calendar: { start: 2027-01-04, weeks: 330 }
        units:
          - { id: home, home: true, staffing: { min: 0 } }
        programs:
          - id: p
            vacation_weeks_per_year: 5
        \(earning)
        trainees:
          - { id: x, program: p, start: 2027-01-04, leave: \(leave) }
        """
        let ctx = PlanningContext(scenario: try ScenarioLoader.parse(data: Data(yaml.utf8), file: "v.yaml").0)
        return ctx.trainees[0].requirements.filter { $0.kind == .vacation && $0.id.hasSuffix("-2028") }
            .reduce(0) { $0 + ($1.id.hasPrefix("summer-") ? 4 : $1.minCount) }
    }

    @Test("10 weeks of sick leave earn their vacation; other leave does not; parental leave up to 120 days")
    func earned() throws {
        // 2028-03-06 – 2028-05-14: 10 leave weeks (Mondays 6 March … 8 May).
        let ten = "[ { from: 2028-03-06, to: 2028-05-14, kind: KIND } ]"
        #expect(try Self.due2028(ten.replacingOccurrences(of: "KIND", with: "sick")) == 5)
        // 42 weeks of service: round(5 × 42 / 52) = 4.
        #expect(try Self.due2028(ten.replacingOccurrences(of: "KIND", with: "other")) == 4)
        // 26 weeks of parental leave (2028-01-03 – 2028-07-02): 26 + 120/7 weeks earn, round(5 × 43.1 / 52) = 4;
        // without the rule 26 weeks of service gave round(2.5) = 3.
        let half = "[ { from: 2028-01-03, to: 2028-07-02, kind: parental } ]"
        #expect(try Self.due2028(half) == 4)
        #expect(try Self.due2028(half, earning: "    vacation_earning_leave: { parental_days: 0 }") == 3)
    }
}

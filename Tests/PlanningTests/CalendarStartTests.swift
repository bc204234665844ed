import Foundation
import GLPKBackend
@testable import Planning
import ScenarioFormat
import STCore
import Testing

/// Issue 17, item 7: `replan` exited 70 with "row study_0_4054: 42.0 < 44.0". A replan keeps the old plan's weeks
/// before its date; where those weeks hold less self-study than their period needs, the calendar's greedy start
/// broke the period's row and GLPK refused the start, which ended the command as an internal error.
@Suite("Calendar start in a replan")
struct CalendarStartTests {
    @Test("kept weeks with no self-study in a period the cut splits: the calendar is filled, not refused")
    func keptWeeksShortOfSelfStudy() throws {
        let (s, _) = try ScenarioLoader.load(path: StopAndProgressTests.example)
        let plan = try #require(try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 3)).plan)
        // The cut in the middle of the spring term of 2028; the old plan had no self-study before it.
        let grid = plan.calendar.grid
        let before = grid.week(containing: try #require(CivilDate(iso: "2028-03-06")))
        var old = plan
        for t in old.trainees.indices {
            for w in 0..<before { old.trainees[t].weeks[w].selfStudyHours = 0 }
        }
        var bare = plan
        for t in bare.trainees.indices {
            for w in bare.trainees[t].weeks.indices {
                bare.trainees[t].weeks[w].selfStudyHours = 0
                bare.trainees[t].weeks[w].supervisionHours = 0
                bare.trainees[t].weeks[w].events = []
            }
        }
        let out = try CalendarPlanner.fill(bare, scenario: s, solver: GLPKSolver(), budget: TimeBudget(seconds: 20), history: (old, before))
        // The kept weeks are as they were, and the weeks after them have self-study again.
        for p in out.plan.trainees {
            #expect((0..<before).allSatisfy { p.weeks[$0].selfStudyHours == 0 }, "\(p.id)")
        }
        #expect(out.plan.trainees.contains { p in p.weeks[before...].contains { $0.selfStudyHours > 0 } })
    }
}

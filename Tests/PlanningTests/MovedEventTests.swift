import Foundation
import GLPKBackend
@testable import Planning
import ScenarioFormat
import STCore
import Testing

/// A replan moves a yearly event the kept weeks lack to the first week after them where it can be held. The
/// full suite once found a specialist board on the Wednesday of a five-day course in a 20-trainee replan
/// (`meeting-course-day`): the first present week was all course days, and the event fell back to Wednesday.
@Suite("Events moved by a replan")
struct MovedEventTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a specialist board moved past a replan's cut skips a week of course days")
    func boardSkipsCourseWeek() throws {
        let (scenario, _) = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/example.yaml").path)
        let plan = try #require(try Planner(solver: GLPKSolver()).plan(scenario, options: PlannerOptions(timeLimit: 3)).plan)
        let grid = plan.calendar.grid
        let monday = try #require(CivilDate(iso: "2029-03-12"))
        let course = try #require(scenario.courses.first { $0.sessions.contains { $0.start == monday && $0.days == 5 } })
        let w = grid.week(containing: monday)
        try #require(w > 0 && w + 1 < grid.count)
        // A trainee present in that week and the week before, in the same ST year.
        var found: (Plan.TraineePlan, TraineeWeeks)?
        for t in plan.trainees {
            var p = t
            p.weeks[w].courses = [course.id]
            let tw = TraineeWeeks(p)
            if tw.isPresent(w), tw.isPresent(w - 1), tw.stYear(w) == tw.stYear(w - 1), tw.stRange.contains(w - 1) { found = (p, tw); break }
        }
        var (p, tw) = try #require(found)
        // The kept weeks end before the course week and hold no board.
        for k in p.weeks.indices { p.weeks[k].events.removeAll { $0.kind == .specialistBoard } }
        tw = TraineeWeeks(p)
        let busy = BusyDays(p, scenario: scenario, grid: grid)
        #expect(busy.meetingDay(w, preferred: 2, grid: grid) == nil, "the week should be all course days")
        let board = Plan.Event(kind: .specialistBoard, date: grid.monday(w - 1).adding(days: 2))
        let moved = try #require(CalendarPlanner.moved((w - 1, board), past: p.weeks[..<w], tw, busy: busy, grid: grid))
        #expect(moved.week > w && !busy.contains(moved.event.date), "moved to \(moved.event.date), a course day")
    }
}

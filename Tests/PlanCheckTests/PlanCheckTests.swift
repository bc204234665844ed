import Foundation
import GLPKBackend
import PlanCheck
import Planning
import ScenarioFormat
import STCore
import Testing

/// Hand-broken copies of a real plan: each must be caught, for the right reason.
@Suite("Plan checker", .serialized)
struct PlanCheckTests {
    static let fixture: (Scenario, Plan) = {
        let (s, _) = try! ScenarioLoader.load(path: "Scenarios/example.yaml")
        let outcome = try! Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 5))
        return (s, outcome.plan!)
    }()

    func broken(_ edit: (inout Plan) -> Void) -> CheckReport {
        var plan = Self.fixture.1
        edit(&plan)
        return PlanChecker.check(plan, against: Self.fixture.0)
    }

    @Test("the unbroken plan passes")
    func passes() { #expect(PlanChecker.check(Self.fixture.1, against: Self.fixture.0).passed) }

    @Test("a rotation a week short is caught")
    func rotationShort() {
        let r = broken { p in
            let w = p.trainees[0].weeks.lastIndex { $0.rotation == "kard" }!
            p.trainees[0].weeks[w] = Plan.WeekEntry(week: p.trainees[0].weeks[w].week, activity: .home, unit: "med", counts: 1)
        }
        #expect(!r.violations(of: "rotation-length").isEmpty)
    }

    @Test("a unit over capacity is caught")
    func overCapacity() {
        let r = broken { p in
            // Put everyone at IVA (capacity 1) in anna's first IVA week.
            let w = p.trainees[0].weeks.firstIndex { $0.rotation == "iva" }!
            for t in 1..<p.trainees.count where p.trainees[t].weeks[w].activity == .home {
                p.trainees[t].weeks[w] = Plan.WeekEntry(week: p.trainees[t].weeks[w].week, activity: .rotation, unit: "iva",
                                                         counts: p.trainees[t].weeks[w].counts, rotation: "iva")
            }
        }
        #expect(!r.violations(of: "capacity").isEmpty)
    }

    @Test("a rotation in a closed period is caught")
    func closed() {
        let r = broken { p in
            let w = 26  // 2027-07-05: kard is closed
            p.trainees[0].weeks[w] = Plan.WeekEntry(week: p.trainees[0].weeks[w].week, activity: .rotation, unit: "kard", counts: 1, rotation: "kard")
        }
        #expect(!r.violations(of: "closed").isEmpty)
    }

    @Test("a leave week overwritten is caught")
    func leaveOverwritten() {
        let r = broken { p in
            let w = p.trainees[2].weeks.firstIndex { $0.activity == .leave }!
            p.trainees[2].weeks[w] = Plan.WeekEntry(week: p.trainees[2].weeks[w].week, activity: .home, unit: "med", counts: 1)
        }
        #expect(!r.violations(of: "leave").isEmpty)
    }

    @Test("a completion too early is caught")
    func completionEarly() {
        let r = broken { p in
            let last = p.trainees[0].weeks.lastIndex { $0.activity.isInST }!
            for w in (last - 3)...last {
                p.trainees[0].weeks[w] = Plan.WeekEntry(week: p.trainees[0].weeks[w].week, activity: .afterEnd, counts: 0)
            }
            p.trainees[0].completion = p.trainees[0].weeks[last - 3].week
        }
        #expect(!r.violations(of: "completion").isEmpty)
    }

    @Test("a rotation finished after its before_month is caught")
    func beforeMonth() {
        let r = broken { p in
            // Move anna's akut block (before_month 12 = 52 counted weeks) to weeks 60–72.
            for w in p.trainees[0].weeks.indices where p.trainees[0].weeks[w].rotation == "akut" {
                p.trainees[0].weeks[w] = Plan.WeekEntry(week: p.trainees[0].weeks[w].week, activity: .home, unit: "med", counts: 1)
            }
            for w in 60..<73 {
                p.trainees[0].weeks[w] = Plan.WeekEntry(week: p.trainees[0].weeks[w].week, activity: .rotation, unit: "akut", counts: 1, rotation: "akut")
            }
        }
        #expect(!r.violations(of: "before-month").isEmpty)
    }

    @Test("part-time weeks counted in full are caught")
    func partTimeCounts() {
        let r = broken { p in
            let w = p.trainees[1].weeks.firstIndex { $0.activity == .home }!
            p.trainees[1].weeks[w].counts = 1
        }
        #expect(!r.violations(of: "counts").isEmpty)
    }

    /// Replaces week `w` of trainee `t` with a plain home week.
    static func home(_ p: inout Plan, _ t: Int, _ w: Int) {
        p.trainees[t].weeks[w] = Plan.WeekEntry(week: p.trainees[t].weeks[w].week, activity: .home, unit: "med", counts: p.trainees[t].weeks[w].counts)
    }

    @Test("a course on a date it is not given is caught")
    func courseOffDate() {
        let r = broken { p in
            let w = p.trainees[0].weeks.firstIndex { $0.courses.contains("sk-hjartsvikt") }!
            let entry = p.trainees[0].weeks[w]
            Self.home(&p, 0, w)
            p.trainees[0].weeks[w + 1] = Plan.WeekEntry(week: p.trainees[0].weeks[w + 1].week, activity: .course, counts: entry.counts, courses: ["sk-hjartsvikt"])
        }
        #expect(!r.violations(of: "course-session").isEmpty)
    }

    @Test("a required course left out is caught")
    func courseMissing() {
        let r = broken { p in
            for w in p.trainees[0].weeks.indices where p.trainees[0].weeks[w].courses.contains("ledarskap") { Self.home(&p, 0, w) }
        }
        #expect(r.violations(of: "course-missing").contains { $0.trainee == "anna" })
    }

    @Test("research started too late is caught")
    func researchLate() {
        let r = broken { p in
            let weeks = p.trainees[0].weeks.indices.filter { p.trainees[0].weeks[$0].research > 0 }
            for w in weeks { Self.home(&p, 0, w) }
            // Month 30 is 130 counted weeks; anna started with the calendar, so week 200 is far past it.
            for w in 200..<(200 + weeks.count) {
                p.trainees[0].weeks[w] = Plan.WeekEntry(week: p.trainees[0].weeks[w].week, activity: .research, counts: 1, research: 1)
            }
        }
        #expect(!r.violations(of: "research-start").isEmpty)
    }

    @Test("a session over its seats is caught")
    func seats() {
        let r = broken { p in
            // Everyone in anna's sk-hjartsvikt session (2 seats).
            let weeks = p.trainees[0].weeks.indices.filter { p.trainees[0].weeks[$0].courses.contains("sk-hjartsvikt") }
            for t in 1..<p.trainees.count {
                for w in p.trainees[t].weeks.indices where p.trainees[t].weeks[w].courses.contains("sk-hjartsvikt") { Self.home(&p, t, w) }
                for w in weeks where p.trainees[t].weeks[w].activity.isInST {
                    p.trainees[t].weeks[w] = Plan.WeekEntry(week: p.trainees[t].weeks[w].week, activity: .course, counts: p.trainees[t].weeks[w].counts, courses: ["sk-hjartsvikt"])
                }
            }
        }
        #expect(!r.violations(of: "seats").isEmpty)
    }

    @Test("a vacation week taken away is caught")
    func vacationMissing() {
        let r = broken { p in
            let w = p.trainees[0].weeks.firstIndex { $0.activity == .vacation && $0.rotation == nil }!
            Self.home(&p, 0, w)
        }
        #expect(!r.violations(of: "vacation").isEmpty)
    }

    @Test("work in the completion buffer is caught")
    func bufferBroken() {
        let r = broken { p in
            let w = p.trainees[0].weeks.lastIndex { $0.activity == .buffer }!
            p.trainees[0].weeks[w].activity = .home
        }
        #expect(!r.violations(of: "buffer").isEmpty)
    }
}

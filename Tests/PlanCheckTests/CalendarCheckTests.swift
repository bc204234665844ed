import PlanCheck
import STCore
import Testing

/// Hand-broken supervision, self-study and event calendars: each must be caught for the right reason.
@Suite("Plan checker: the calendar", .serialized)
struct CalendarCheckTests {
    func broken(_ edit: (inout Plan) -> Void) -> CheckReport {
        var plan = PlanCheckTests.fixture.1
        edit(&plan)
        return PlanChecker.check(plan, against: PlanCheckTests.fixture.0)
    }

    /// Anna's weeks holding an event of `kind`.
    static func weeks(_ p: Plan, _ kind: Plan.EventKind, trainee t: Int = 0) -> [Int] {
        p.trainees[t].weeks.indices.filter { w in p.trainees[t].weeks[w].events.contains { $0.kind == kind } }
    }

    static func remove(_ kind: Plan.EventKind, at w: Int, in p: inout Plan, trainee t: Int = 0) {
        let gone = p.trainees[t].weeks[w].events.filter { $0.kind == kind }
        p.trainees[t].weeks[w].events.removeAll { $0.kind == kind }
        p.trainees[t].weeks[w].supervisionHours -= gone.reduce(0) { $0 + ($1.hours ?? 0) }
    }

    @Test("the plan's calendar is complete: meetings, self-study and every kind of event")
    func complete() {
        let p = PlanCheckTests.fixture.1
        for kind in Plan.EventKind.allCases {
            #expect(p.trainees.indices.contains { !Self.weeks(p, kind, trainee: $0).isEmpty }, "no \(kind.rawValue) event in the plan")
        }
        #expect(p.trainees[0].weeks.reduce(0) { $0 + $1.selfStudyHours } > 0)
    }

    @Test("a missing supervision meeting breaks the first-year frequency")
    func meetingMissing() {
        let r = broken { p in Self.remove(.supervision, at: Self.weeks(p, .supervision)[1], in: &p) }
        #expect(!r.violations(of: "supervision-frequency").isEmpty)
        #expect(r.violations.allSatisfy { $0.rule == "supervision-frequency" }, "\(r.violations)")
    }

    @Test("a supervisor over their monthly hours is caught")
    func supervisorOver() {
        let r = broken { p in
            let w = Self.weeks(p, .supervision)[0]
            let extra = Plan.Event(kind: .supervision, date: p.trainees[0].weeks[w].week.adding(days: 1), with: p.trainees[0].supervisor, hours: 6)
            p.trainees[0].weeks[w].events.append(extra)
            p.trainees[0].weeks[w].supervisionHours += 6
        }
        #expect(!r.violations(of: "supervisor-hours").isEmpty)
    }

    @Test("supervision hours that do not match the week's meetings are caught")
    func hoursMismatch() {
        let r = broken { p in p.trainees[0].weeks[Self.weeks(p, .supervision)[0]].supervisionHours += 1 }
        #expect(!r.violations(of: "supervision-hours").isEmpty)
    }

    @Test("a meeting in a vacation week is caught")
    func meetingOnVacation() {
        let r = broken { p in
            let w = p.trainees[0].weeks.firstIndex { $0.activity == .vacation }!
            p.trainees[0].weeks[w].events.append(Plan.Event(kind: .supervision, date: p.trainees[0].weeks[w].week.adding(days: 1), with: p.trainees[0].supervisor, hours: 1))
            p.trainees[0].weeks[w].supervisionHours += 1
        }
        #expect(!r.violations(of: "supervision-week").isEmpty)
    }

    @Test("self-study below its average in a period is caught")
    func selfStudyShort() {
        let r = broken { p in
            let first = p.trainees[0].weeks.firstIndex { $0.selfStudyHours > 0 }!
            p.trainees[0].weeks[first].selfStudyHours -= 1
        }
        #expect(!r.violations(of: "self-study").isEmpty)
    }

    @Test("self-study during a rotation at another unit is caught")
    func selfStudyAway() {
        let r = broken { p in
            let w = p.trainees[0].weeks.firstIndex { $0.activity == .rotation }!
            p.trainees[0].weeks[w].selfStudyHours = 2
        }
        #expect(!r.violations(of: "self-study-week").isEmpty)
    }

    @Test("a rotation without its sit-in, local supervisor or booking date is caught")
    func placementEvents() {
        let r = broken { p in
            for kind in [Plan.EventKind.sitIn, .localSupervisor, .booking, .followUp] {
                for w in Self.weeks(p, kind) { Self.remove(kind, at: w, in: &p) }
            }
        }
        for rule in ["sit-in", "local-supervisor", "booking", "follow-up"] { #expect(!r.violations(of: rule).isEmpty, "\(rule)") }
    }

    @Test("missing yearly reviews, assessments, specialist boards and training plan are caught")
    func yearlyEvents() {
        let r = broken { p in
            for kind in [Plan.EventKind.yearlyReview, .assessment, .specialistBoard, .trainingPlan] {
                for w in Self.weeks(p, kind) { Self.remove(kind, at: w, in: &p) }
            }
        }
        for rule in ["yearly-review", "assessment", "specialist-board", "training-plan"] { #expect(!r.violations(of: rule).isEmpty, "\(rule)") }
    }

    @Test("an SK course without its application deadline is caught")
    func applicationDeadline() {
        let r = broken { p in
            for t in p.trainees.indices { for w in Self.weeks(p, .applicationDeadline, trainee: t) { Self.remove(.applicationDeadline, at: w, in: &p, trainee: t) } }
        }
        #expect(!r.violations(of: "application-deadline").isEmpty)
    }
}

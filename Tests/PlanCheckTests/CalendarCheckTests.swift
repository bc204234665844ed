@testable import PlanCheck
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

/// The working calendar's rules: no event on a day off, no meeting on a course day or a leave day.
@Suite("Plan checker: the working calendar", .serialized)
struct WorkingCalendarCheckTests {
    func broken(_ edit: (inout Plan) -> Void) -> CheckReport {
        var plan = PlanCheckTests.fixture.1
        edit(&plan)
        return PlanChecker.check(plan, against: PlanCheckTests.fixture.0)
    }

    /// Moves the first event of `kind` (of any trainee) to `day` (a date in its own week), hours kept.
    static func move(_ kind: Plan.EventKind, in p: inout Plan, where pick: (Plan.TraineePlan, Int) -> CivilDate?) -> Bool {
        for t in p.trainees.indices {
            for w in p.trainees[t].weeks.indices {
                guard let i = p.trainees[t].weeks[w].events.firstIndex(where: { $0.kind == kind }), let day = pick(p.trainees[t], w) else { continue }
                let e = p.trainees[t].weeks[w].events[i]
                p.trainees[t].weeks[w].events[i] = Plan.Event(kind: e.kind, date: day, subject: e.subject, with: e.with, hours: e.hours)
                return true
            }
        }
        return false
    }

    @Test("no event of the planned example falls on a weekend, public holiday or eve off")
    func plannedOnWorkingDays() {
        for t in PlanCheckTests.fixture.1.trainees {
            for w in t.weeks { for e in w.events { #expect(SwedishCalendar.isWorkingDay(e.date), "\(t.id) \(e.kind.rawValue) on \(e.date)") } }
        }
    }

    @Test("a supervision meeting moved to a public holiday, or to a Saturday, is caught")
    func meetingOnHoliday() {
        let r = broken { p in
            // A home week with a weekday holiday in it: the meeting moves onto the holiday.
            #expect(Self.move(.supervision, in: &p) { tp, w in
                (0..<5).map { tp.weeks[w].week.adding(days: $0) }.first { SwedishCalendar.dayOffName($0) != nil }
            })
        }
        #expect(!r.violations(of: "day-off").isEmpty, "\(r.violations)")
        let saturday = broken { p in _ = Self.move(.assessment, in: &p) { tp, w in tp.weeks[w].week.adding(days: 5) } }
        #expect(saturday.violations(of: "day-off").first?.message.contains("a Saturday") == true, "\(saturday.violations)")
    }

    @Test("a booking date left on a holiday Monday is caught: it is due the working day before")
    func bookingOnHoliday() {
        let r = broken { p in
            _ = Self.move(.booking, in: &p) { _, _ in CivilDate(iso: "2027-12-25") }
        }
        #expect(!r.violations(of: "day-off").isEmpty)
        #expect(!r.violations(of: "booking").isEmpty)
    }

    @Test("a meeting on a day of the trainee's course is caught")
    func meetingOnCourseDay() {
        let (scenario, _) = PlanCheckTests.fixture
        let r = broken { p in
            // The first short course (under 5 days) in a home week that also holds a meeting: the meeting moves onto it.
            var done = false
            for t in p.trainees.indices where !done {
                for w in p.trainees[t].weeks.indices where !done {
                    let entry = p.trainees[t].weeks[w]
                    guard let c = entry.courses.first, let i = entry.events.firstIndex(where: { $0.kind == .supervision }),
                          let s = scenario.course(c)?.sessions.first(where: { $0.start >= entry.week && $0.start < entry.week.adding(days: 7) }) else { continue }
                    let e = entry.events[i]
                    p.trainees[t].weeks[w].events[i] = Plan.Event(kind: e.kind, date: s.start, subject: e.subject, with: e.with, hours: e.hours)
                    done = true
                }
            }
            #expect(done, "no meeting in a week with a short course in the fixture")
        }
        #expect(!r.violations(of: "meeting-course-day").isEmpty, "\(r.violations)")
    }

    @Test("the checker's holidays agree with the planner's for 1900–2299 (two Easter algorithms; a day may hold two names, pingstdagen on nationaldagen)")
    func calendarsAgree() {
        var day = CivilDate(iso: "1900-01-01")!
        let end = CivilDate(iso: "2300-01-01")!
        var disagree: [String] = []
        while day < end {
            if (SwedishCalendar.dayOffName(day) == nil) != (PlanChecker.dayOff(day) == nil) { disagree.append(day.description) }
            day = day.adding(days: 1)
        }
        #expect(disagree.isEmpty, "\(disagree.prefix(5))")
    }
}

/// The protected introduction: the first weeks of an ST that starts inside the calendar.
@Suite("Plan checker: the introduction", .serialized)
struct IntroductionCheckTests {
    func broken(_ edit: (inout Plan) -> Void) -> CheckReport {
        var plan = PlanCheckTests.fixture.1
        edit(&plan)
        return PlanChecker.check(plan, against: PlanCheckTests.fixture.0)
    }

    /// The first trainee who starts inside the calendar, and their first ST week.
    static func starter(_ p: Plan) -> (t: Int, first: Int) {
        let t = p.trainees.indices.first { p.trainees[$0].start >= p.calendar.start }!
        return (t, p.trainees[t].weeks.firstIndex { $0.activity.isInST }!)
    }

    @Test("the planned example keeps every introduction: 4 home weeks with the agreement, a meeting and the training plan")
    func planned() {
        let (s, p) = PlanCheckTests.fixture
        var checked = 0
        for tp in p.trainees where tp.start >= p.calendar.start {
            let first = tp.weeks.firstIndex { $0.activity.isInST }!
            let intro = tp.weeks[first...].filter { $0.activity != .leave }.prefix(s.program(tp.program)!.introductionWeeks)
            #expect(intro.allSatisfy { $0.activity == .home && $0.courses.isEmpty && $0.research == 0 }, "\(tp.id)")
            #expect(intro.contains { $0.events.contains { $0.kind == .supervisionAgreement } }, "\(tp.id)")
            #expect(intro.contains { $0.events.contains { $0.kind == .supervision } }, "\(tp.id)")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test("a vacation week in the introduction is caught")
    func vacationInIntroduction() {
        let r = broken { p in
            let (t, first) = Self.starter(p)
            p.trainees[t].weeks[first + 1].activity = .vacation
        }
        #expect(r.violations(of: "introduction").contains { $0.message.contains("a vacation week in the first 4 weeks") }, "\(r.violations)")
    }

    @Test("an introduction without its supervision agreement or signed training plan is caught")
    func eventsMissing() {
        let r = broken { p in
            let (t, first) = Self.starter(p)
            for w in first..<(first + 4) { p.trainees[t].weeks[w].events.removeAll { $0.kind == .supervisionAgreement || $0.kind == .trainingPlan } }
        }
        let messages = r.violations(of: "introduction").map(\.message)
        #expect(messages.contains { $0.contains("no supervision agreement") }, "\(messages)")
        #expect(messages.contains { $0.contains("training plan (utbildningsplan) is not signed") }, "\(messages)")
    }
}

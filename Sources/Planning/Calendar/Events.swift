import ScenarioFormat
import STCore

/// One trainee's weeks seen by the calendar stage: which weeks are home weeks, ST years, rotation runs.
struct TraineeWeeks {
    let plan: Plan.TraineePlan
    /// The ST clock before each grid week (served before the grid and credited weeks included): ST years,
    /// assessments and reviews are read off it.
    let clockBefore: [Double]
    /// The ST clock at completion.
    let clockAtEnd: Double

    init(_ plan: Plan.TraineePlan) {
        self.plan = plan
        clockBefore = plan.clockBefore
        clockAtEnd = plan.countedWeeks + Double(plan.creditedWeeks ?? 0)
    }

    var count: Int { plan.weeks.count }
    func activity(_ w: Int) -> Activity { plan.weeks[w].activity }

    /// A week at the home clinic: home service, buffer, research or quality work. Supervision meetings and
    /// self-study belong to these weeks (not to rotations, course weeks, vacation or leave).
    func isHomeWeek(_ w: Int) -> Bool {
        switch activity(w) {
        case .home, .buffer, .research, .quality: return true
        default: return false
        }
    }

    /// In ST and not on leave or vacation: a week in which a meeting or assessment can be held.
    func isPresent(_ w: Int) -> Bool { activity(w).isInST && activity(w) != .leave && activity(w) != .vacation }

    /// The ST year (0 = first) a week belongs to, by counted time.
    func stYear(_ w: Int) -> Int { Int((clockBefore[w] + 1e-9) / 52) }

    /// The week in which counted service reaches `point` weeks, when that happens inside the grid.
    func week(reaching point: Double) -> Int? {
        plan.weeks.indices.first { w in
            plan.weeks[w].counts > 0 && clockBefore[w] < point - 1e-9 && clockBefore[w] + plan.weeks[w].counts >= point - 1e-9
        }
    }

    /// The present week nearest `w` (ties: the later one) inside `range` that `accept` allows.
    func nearest(_ w: Int, in range: Range<Int>, where accept: (Int) -> Bool = { _ in true }) -> Int? {
        for d in 0...max(0, w - range.lowerBound, range.upperBound - w) {
            for v in d == 0 ? [w] : [w + d, w - d] where range.contains(v) && isPresent(v) && accept(v) { return v }
        }
        return nil
    }

    /// The weeks of ST in the grid.
    var stRange: Range<Int> {
        guard let first = plan.weeks.firstIndex(where: { $0.activity.isInST }),
              let last = plan.weeks.lastIndex(where: { $0.activity.isInST }) else { return 0..<0 }
        return first..<(last + 1)
    }

    /// Runs of one rotation at one unit (vacation weeks inside a rotation belong to it).
    var rotationRuns: [(rotation: String, unit: String, weeks: Range<Int>)] {
        var runs: [(String, String, Range<Int>)] = []
        var w = 0
        while w < count {
            guard let r = plan.weeks[w].rotation, let u = plan.weeks[w].unit else { w += 1; continue }
            var e = w
            while e + 1 < count, plan.weeks[e + 1].rotation == r, plan.weeks[e + 1].unit == u { e += 1 }
            runs.append((r, u, w..<(e + 1)))
            w = e + 1
        }
        return runs
    }
}

/// The days a trainee cannot meet anyone at the home clinic: the days of the course sessions the plan gives them.
struct BusyDays {
    private let days: Set<Int>

    init(_ plan: Plan.TraineePlan, scenario: Scenario, grid: WeekGrid) {
        var out = Set<Int>()
        for (w, entry) in plan.weeks.enumerated() {
            for c in entry.courses {
                guard let session = scenario.course(c)?.sessions.first(where: { grid.week(containing: $0.start) == w }) else { continue }
                out.formUnion(session.workingDays)
            }
        }
        days = out
    }

    /// A day of week `w` for a meeting: a working day (no weekend, public holiday or eve off, see
    /// ``SwedishCalendar``) that is no course day, as near `preferred` (0 = Monday … 4 = Friday) as there is
    /// (ties: the later day); `nil` when the week has none.
    func meetingDay(_ w: Int, preferred: Int, grid: WeekGrid) -> CivilDate? {
        let monday = grid.monday(w)
        for d in 0...4 {
            for k in d == 0 ? [preferred] : [preferred + d, preferred - d] where (0...4).contains(k) {
                let day = monday.adding(days: k)
                if SwedishCalendar.isWorkingDay(day) && !days.contains(day.daysSinceEpoch) { return day }
            }
        }
        return nil
    }

    /// True when `date` is a day of one of the trainee's course sessions.
    func contains(_ date: CivilDate) -> Bool { days.contains(date.daysSinceEpoch) }
}

/// The dated events that follow from a trainee's weeks by rule (not optimised): training plan, yearly reviews,
/// assessments, specialist boards, sit-ins, local supervisors, follow-ups, application and booking deadlines.
enum CalendarEvents {
    /// The last day to apply for a session: its own `application_deadline`, else for an SK course 1 October before
    /// a spring session and 1 May before an autumn one; `nil` for a local course without one. A deadline on a
    /// day off is due the working day before (1 May always is one: the autumn deadline is 30 April or earlier).
    static func applicationDeadline(_ course: CourseSpec, _ session: CourseSession) -> CivilDate? {
        if let d = session.applicationDeadline { return SwedishCalendar.workingDay(onOrBefore: d) }
        guard course.kind == .sk else { return nil }
        let d = session.start.month <= 6 ? CivilDate(year: session.start.year - 1, month: 10, day: 1) : CivilDate(year: session.start.year, month: 5, day: 1)
        return d.map(SwedishCalendar.workingDay(onOrBefore:))
    }

    /// Counted weeks (within an ST year) at which the two assessments and the specialist board fall.
    static let assessmentPoints = [13.0, 39.0]
    static let boardPoint = 26.0

    /// Every rule-given event of one trainee, with the grid week it belongs to.
    static func fixed(_ tw: TraineeWeeks, scenario: Scenario, grid: WeekGrid) -> [(week: Int, event: Plan.Event)] {
        let busy = BusyDays(tw.plan, scenario: scenario, grid: grid)
        var out: [(Int, Plan.Event)] = []
        let st = tw.stRange
        guard !st.isEmpty else { return [] }
        let spec = scenario.trainees.first { $0.id == tw.plan.id }
        let supervisor = spec?.supervisor
        let program = scenario.program(tw.plan.program)
        // Meetings on a working day that is no course day, Wednesday when it is free.
        func date(_ w: Int) -> CivilDate { busy.meetingDay(w, preferred: 2, grid: grid) ?? grid.monday(w).adding(days: 2) }
        /// The present week nearest `w` that has a day free for a meeting.
        func near(_ w: Int, in range: Range<Int>, where accept: @escaping (Int) -> Bool = { _ in true }) -> Int? {
            tw.nearest(w, in: range) { accept($0) && busy.meetingDay($0, preferred: 2, grid: grid) != nil }
        }
        func add(_ w: Int?, _ kind: Plan.EventKind, subject: String? = nil, with: String? = nil, hours: Double? = nil, on day: CivilDate? = nil) {
            guard let w else { return }
            out.append((w, Plan.Event(kind: kind, date: day ?? date(w), subject: subject, with: with, hours: hours)))
        }

        // The protected introduction: the supervision agreement in its first week, the training plan signed by its
        // last (in the first weeks, within 6 months, without one).
        let intro = spec.flatMap { s in program.map { TraineeTimeline(trainee: s, program: $0, grid: grid).introduction } } ?? []
        if let first = intro.first, let last = intro.last {
            add(near(first, in: first..<(last + 1)), .supervisionAgreement, with: supervisor)
        }
        if tw.plan.start >= grid.start, st.lowerBound < grid.count {
            let by = intro.last.map { $0 + 1 } ?? min(st.upperBound, st.lowerBound + 26)
            add(near(min(st.lowerBound + 2, by - 1), in: st.lowerBound..<by), .trainingPlan, subject: "signed")
        }
        // Per ST year: assessments, the specialist board, the yearly review with a revised training plan.
        let years = Int((tw.clockAtEnd / 52).rounded(.up))
        for y in 0..<years {
            let base = Double(52 * y)
            for p in assessmentPoints { add(tw.week(reaching: base + p).flatMap { near($0, in: st) }, .assessment) }
            add(tw.week(reaching: base + boardPoint).flatMap { near($0, in: st) }, .specialistBoard)
            if let w = tw.week(reaching: base + 52).flatMap({ near($0, in: st) }) {
                add(w, .yearlyReview, subject: "\(y + 1)")
                if base + 52 < tw.clockAtEnd - 1e-9 { add(w, .trainingPlan, subject: "revised") }
            }
        }
        // Sit-ins: one per rotation run, and one per ST year at the home clinic.
        for run in tw.rotationRuns {
            // The middle of the weeks actually worked there (a vacation inside the rotation is left out).
            let worked = run.weeks.filter { tw.activity($0) == .rotation }
            let w = worked.isEmpty ? nil : worked[(worked.count - 1) / 2]
            add(w, .sitIn, subject: run.unit)
            guard let unit = scenario.unit(run.unit), !unit.home else { continue }
            let first = run.weeks.lowerBound
            let bookBy = SwedishCalendar.workingDay(onOrBefore: grid.monday(first).adding(days: -7 * unit.leadWeeks))
            add(grid.clamp(grid.week(containing: bookBy)), .booking, subject: run.unit, on: bookBy)
            if run.weeks.count > 4 {
                add(near(first, in: run.weeks) { tw.activity($0) == .rotation }, .localSupervisor, subject: run.unit, with: unit.localSupervisor)
                add(w, .followUp, subject: run.unit, with: supervisor, hours: program?.supervision?.hours)
            }
        }
        var homeByYear: [Int: [Int]] = [:]
        for w in st where tw.activity(w) == .home { homeByYear[tw.stYear(w), default: []].append(w) }
        for y in homeByYear.keys.sorted() {
            let ws = homeByYear[y]!
            add(ws[ws.count / 2], .sitIn, subject: tw.plan.weeks[ws[ws.count / 2]].unit)
        }
        // Application deadlines of the course sessions the trainee attends.
        var seen = Set<String>()
        for w in st {
            for c in tw.plan.weeks[w].courses where seen.insert(c).inserted {
                guard let course = scenario.course(c),
                      let session = course.sessions.first(where: { grid.week(containing: $0.start) == w }) else { continue }
                guard let d = applicationDeadline(course, session) else { continue }
                add(grid.clamp(grid.week(containing: d)), .applicationDeadline, subject: c, on: d)
            }
        }
        return out
    }
}

extension WeekGrid {
    /// `w` moved into the grid (deadlines before or after the horizon sit in its first or last week).
    func clamp(_ w: Int) -> Int { Swift.min(Swift.max(0, w), count - 1) }
}

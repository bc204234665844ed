import ScenarioFormat
import STCore

extension PlanChecker {
    /// The working days (Monday–Friday) of a course's sessions that fall in the week starting `monday`, for the
    /// session of `course` that touches that week (0 when none does). Walks the days.
    static func courseDaysIn(_ scenario: Scenario, _ course: String, _ monday: CivilDate) -> Int {
        guard let c = scenario.courses.first(where: { $0.id == course }) else { return 0 }
        for s in c.sessions {
            let days = sessionDays(s).filter { $0.monday == monday }
            if let d = days.first { return d.days }
        }
        return 0
    }

    /// A session's weeks: each Monday with the number of working days the session has in that week.
    static func sessionDays(_ s: CourseSession) -> [(monday: CivilDate, days: Int)] {
        var out: [(monday: CivilDate, days: Int)] = []
        var day = s.start
        var left = s.days
        while left > 0 {
            if day.weekday <= 5 {
                let m = day.adding(days: 1 - day.weekday)
                if out.last?.monday == m { out[out.count - 1].days += 1 } else { out.append((m, 1)) }
                left -= 1
            }
            day = day.adding(days: 1)
        }
        return out
    }

    /// Courses, research and quality work of one trainee; records each seat taken in `seatUse`.
    static func checkWork(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ program: ProgramSpec, _ scenario: Scenario, _ mondays: [CivilDate],
                          clockAtStart: Double, _ report: inout CheckReport, _ seatUse: inout [String: [Int: [String]]]) {
        let id = spec.id
        func fail(_ rule: String, _ week: CivilDate?, _ message: String) {
            report.violations.append(Violation(rule: rule, trainee: id, week: week, message: message))
        }
        let monthWeeks = 52.0 / 12.0
        // Research first (courses refer to its start).
        let researchWeeks = tp.weeks.indices.filter { tp.weeks[$0].research > 1e-9 }
        if let r = program.research, !spec.done.contains("research") {
            let total = researchWeeks.reduce(0.0) { $0 + tp.weeks[$1].research }
            if total < Double(r.minWeeks) - 1e-6 || total > Double(r.maxWeeks) + 1e-6 {
                fail("research", researchWeeks.first.map { mondays[$0] }, "research totals \(JSONValue.format(total)) weeks; it needs \(r.minWeeks)–\(r.maxWeeks)")
            }
            if let first = researchWeeks.first, let m = r.startBeforeMonth, stClock(tp, atStart: clockAtStart, first) >= m * monthWeeks - 1e-6 {
                fail("research-start", mondays[first], "research starts after \(JSONValue.format(stClock(tp, atStart: clockAtStart, first))) weeks of ST time; start_before_month \(JSONValue.format(m)) needs it to start before \(JSONValue.format(m * monthWeeks))")
            }
            checkLayout("research", researchWeeks, { tp.weeks[$0].research }, mode: r.mode, share: r.share, activity: .research, tp, mondays, &report, id)
            // Soft: each week short of the preferred length (default the maximum).
            let short = Double(r.preferredWeeks) - total
            if short > 1e-6 {
                report.soft.append(SoftCost(rule: "research_short", amount: short, cost: short * scenario.weights.researchShortWeek,
                                            message: "\(id): research of \(JSONValue.format(total)) weeks, \(JSONValue.format(short)) short of the preferred \(r.preferredWeeks)"))
            }
        } else if let w = researchWeeks.first {
            fail("research", mondays[w], "research is planned but the program has none or it is done")
        }
        let qualityWeeks = tp.weeks.indices.filter { tp.weeks[$0].quality > 1e-9 }
        if let q = program.quality, !spec.done.contains("quality") {
            let total = qualityWeeks.reduce(0.0) { $0 + tp.weeks[$1].quality }
            if abs(total - Double(q.weeks)) > 1e-6 {
                fail("quality", qualityWeeks.first.map { mondays[$0] }, "quality work totals \(JSONValue.format(total)) weeks; it needs \(q.weeks)")
            }
            checkLayout("quality", qualityWeeks, { tp.weeks[$0].quality }, mode: q.mode, share: q.share, activity: .quality, tp, mondays, &report, id)
        } else if let w = qualityWeeks.first {
            fail("quality", mondays[w], "quality work is planned but the program has none or it is done")
        }

        // Courses: each required one exactly once, in an offered session, on its dates.
        var perTerm: [String: Int] = [:]
        let required = program.courses.filter { !spec.done.contains($0.course) }
        var seen = Set<String>()
        var attended: [(course: String, days: Set<Int>)] = []
        for (w, entry) in tp.weeks.enumerated() { for c in entry.courses { seen.insert(c); _ = w } }
        for c in seen.sorted() where !required.contains(where: { $0.course == c }) {
            fail("course", nil, "course \(c) is planned but the program does not require it or it is done")
        }
        for req in required {
            let weeks = tp.weeks.indices.filter { tp.weeks[$0].courses.contains(req.course) }
            guard let course = scenario.courses.first(where: { $0.id == req.course }) else { continue }
            guard let first = weeks.first else { fail("course-missing", nil, "required course \(req.course) is not planned"); continue }
            let match = course.sessions.indices.first { k in
                let days = sessionDays(course.sessions[k])
                return days.map(\.monday) == weeks.map { mondays[$0] }
            }
            guard let k = match else {
                fail("course-session", mondays[first], "course \(req.course) is planned in weeks \(weeks.map { mondays[$0].description }.joined(separator: ", ")), which match no offered session")
                continue
            }
            let session = course.sessions[k]
            if session.cancelled { fail("course-session", mondays[first], "course \(req.course)'s session of \(session.start) is cancelled") }
            seatUse[course.id, default: [:]][k, default: []].append(id)
            attended.append((req.course, session.workingDays))
            perTerm[(session.start.month <= 6 ? "VT" : "HT") + String(session.start.year), default: 0] += 1
            for w in weeks {
                let want: Set<Activity> = session.days >= 5 ? [.course] : [.home]
                if !want.contains(tp.weeks[w].activity) {
                    fail("course-week", mondays[w], "course \(req.course) (\(session.days) days) sits in a \(tp.weeks[w].activity.rawValue) week; it needs a \(session.days >= 5 ? "course" : "home") week")
                }
            }
            let last = weeks.last!
            if let m = req.beforeMonth, stClock(tp, atStart: clockAtStart, last + 1) > m * monthWeeks + 1e-6 {
                fail("course-before-month", mondays[first], "course \(req.course) ends after \(JSONValue.format(stClock(tp, atStart: clockAtStart, last + 1))) weeks of ST time; before_month \(JSONValue.format(m)) allows \(JSONValue.format(m * monthWeeks))")
            }
            if req.beforeResearch, let r = researchWeeks.first, last >= r {
                fail("course-before-research", mondays[first], "course \(req.course) must end before the research starts (\(mondays[r]))")
            }
        }
        // One course a day, and a home week's short courses and spread work within its five working days.
        for i in attended.indices {
            for j in attended.indices where j > i {
                if let day = attended[i].days.intersection(attended[j].days).min() {
                    let date = CivilDate(daysSinceEpoch: day)
                    fail("course-clash", date.monday, "courses \(attended[i].course) and \(attended[j].course) both meet on \(date); a trainee attends one at a time")
                }
            }
        }
        for (w, entry) in tp.weeks.enumerated() where entry.activity == .home || entry.activity == .buffer {
            let days = entry.courses.reduce(0) { $0 + courseDaysIn(scenario, $1, mondays[w]) }
            let taken = Double(days) / 5 + entry.research + entry.quality
            if taken > 1 + 1e-6 {
                fail("week-work", mondays[w], "short courses (\(days) days) and work at home take \(JSONValue.format(taken)) of the week; the week has five working days")
            }
        }
        if let limit = program.maxCoursesPerTerm {
            for (term, n) in perTerm.sorted(by: { $0.key < $1.key }) where n > limit {
                fail("courses-per-term", nil, "\(n) courses in \(term); max_courses_per_term is \(limit)")
            }
        }
    }

    /// Research or quality layout: a block is one run of whole weeks of `activity`; spread work is one run of home
    /// weeks, none above the share.
    static func checkLayout(_ rule: String, _ weeks: [Int], _ value: (Int) -> Double, mode: WorkMode, share: Double?, activity: Activity,
                            _ tp: Plan.TraineePlan, _ mondays: [CivilDate], _ report: inout CheckReport, _ id: String) {
        guard let first = weeks.first, let last = weeks.last else { return }
        func fail(_ w: Int, _ message: String) { report.violations.append(Violation(rule: rule, trainee: id, week: mondays[w], message: message)) }
        if last - first + 1 != weeks.count { fail(first, "\(rule) weeks are not consecutive") }
        for w in weeks {
            if mode == .block {
                if tp.weeks[w].activity != activity || abs(value(w) - 1) > 1e-6 { fail(w, "\(rule) in block mode needs whole \(activity.rawValue) weeks") }
            } else {
                // Spread work takes at most its share of a home week: 0.2 by default, 0.1 when integrated in service.
                let limit = share ?? (mode == .integrated ? 0.1 : 0.2)
                if tp.weeks[w].activity != .home { fail(w, "\(mode.rawValue) \(rule) sits in a \(tp.weeks[w].activity.rawValue) week; it needs a home week") }
                if value(w) > limit + 1e-6 { fail(w, "\(rule) share \(JSONValue.format(value(w))) is above \(JSONValue.format(limit))") }
            }
        }
    }

    /// Seats per session across the cohort.
    static func checkSeats(_ scenario: Scenario, _ seatUse: [String: [Int: [String]]], _ report: inout CheckReport) {
        for course in scenario.courses {
            for (k, s) in course.sessions.enumerated() {
                guard let seats = s.seats, let who = seatUse[course.id]?[k], who.count > seats else { continue }
                report.violations.append(Violation(rule: "seats", trainee: nil, week: s.start.adding(days: 1 - s.start.weekday),
                                                   message: "\(who.count) trainees (\(who.joined(separator: ", "))) in \(course.id)'s session of \(s.start); it has \(seats) seats"))
            }
        }
    }

    /// Vacation per calendar (ISO) year: round(V × weeks in ST before the earliest completion, not on leave / 52),
    /// at most V; 4 consecutive weeks in June–August when the whole summer window is such service.
    static func checkVacation(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ program: ProgramSpec, _ mondays: [CivilDate],
                              firstMonday: CivilDate, earliest: Int?, cuts: Set<Int> = [], _ report: inout CheckReport) {
        let id = spec.id
        let perYear = program.vacationWeeksPerYear ?? 0
        let vacationWeeks = tp.weeks.indices.filter { tp.weeks[$0].activity == .vacation }
        guard perYear > 0 else {
            if let w = vacationWeeks.first {
                report.violations.append(Violation(rule: "vacation", trainee: id, week: mondays[w], message: "vacation planned but the program sets no vacation_weeks_per_year"))
            }
            return
        }
        let end = earliest ?? mondays.count
        let leave = spec.leave.map(\.range)
        struct Year { var service: [Int] = []; var window: [Int] = []; var taken: [Int] = []; var sick = 0; var parental = 0 }
        var years: [Int: Year] = [:]
        // The introduction's weeks (no vacation can lie there): the first weeks of an ST begun inside the calendar.
        var intro = Set<Int>()
        if spec.start >= mondays[0] {
            var w = mondays.firstIndex { $0 >= firstMonday } ?? mondays.count
            while intro.count < program.introductionWeeks && w < min(end, mondays.count) {
                if !touchesWorkingDay(leave, mondays[w]) { intro.insert(w) }
                w += 1
            }
        }
        for (w, m) in mondays.enumerated() {
            let y = m.adding(days: 3).year
            let friday = m.adding(days: 4)
            if m.month >= 6 && friday.month <= 8 && m.year == friday.year { years[y, default: Year()].window.append(w) }
            if m >= firstMonday && w < end {
                // Sick and parental leave earn vacation up to the program's days a year (Semesterlagen 17 §).
                if let l = spec.leave.first(where: { $0.range.from <= friday && $0.range.to >= m }) {
                    if l.kind == .sick { years[y, default: Year()].sick += 1 }
                    if l.kind == .parental { years[y, default: Year()].parental += 1 }
                } else {
                    years[y, default: Year()].service.append(w)
                }
            }
            if tp.weeks[w].activity == .vacation { years[y, default: Year()].taken.append(w) }
        }
        let earning = program.vacationEarningLeave
        for y in years.keys.sorted() {
            let info = years[y]!
            let earned = Double(info.service.count) + min(Double(info.sick), Double(earning.sickDays) / 7)
                + min(Double(info.parental), Double(earning.parentalDays) / 7)
            let want = min(perYear, Int((Double(perYear) * earned / 52).rounded()), info.service.filter { !intro.contains($0) }.count)
            // A year that began before a replan's cut keeps the vacation already taken: at least the weeks due.
            let takenBefore = info.taken.filter { w in cuts.contains { w < $0 } }.count
            let kept = takenBefore > 0 && info.taken.count > want && info.taken.count <= takenBefore + want
            if info.taken.count != want && !kept {
                report.violations.append(Violation(rule: "vacation", trainee: id, week: info.taken.first.map { mondays[$0] },
                                                   message: "\(info.taken.count) vacation weeks in \(y); \(want) are due (\(perYear) a year, pro rata for \(info.service.count) weeks of service"
                                                            + (earned > Double(info.service.count) ? " and \(JSONValue.format(earned - Double(info.service.count))) weeks of leave that earn vacation)" : ")")))
            }
            let service = Set(info.service)
            guard want >= 4, info.window.count >= 4, info.window.allSatisfy({ service.contains($0) }) else { continue }
            let window = Set(info.window)
            var best = 0, run = 0
            for w in info.window.first!...info.window.last! {
                run = window.contains(w) && tp.weeks[w].activity == .vacation ? run + 1 : 0
                best = max(best, run)
            }
            if best < 4 {
                report.violations.append(Violation(rule: "vacation-summer", trainee: id, week: mondays[info.window[0]],
                                                   message: "the longest summer vacation in \(y) is \(best) consecutive weeks; at least 4 in June–August are due"))
            }
        }
    }

    /// `completion_buffer_weeks`: the last weeks with service before completion are buffer (or vacation), and
    /// buffer weeks are nowhere else.
    static func checkBuffer(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ program: ProgramSpec, _ mondays: [CivilDate], _ report: inout CheckReport) {
        let want = program.completionBufferWeeks
        let inST = tp.weeks.indices.filter { tp.weeks[$0].activity.isInST }
        guard let last = inST.last, tp.completion != nil else { return }
        var buffer: [Int] = []
        var w = last
        while buffer.count < want && w >= 0 {
            if tp.weeks[w].activity.isInST && tp.weeks[w].activity != .leave { buffer.append(w) }
            w -= 1
        }
        let set = Set(buffer)
        for w in buffer where tp.weeks[w].activity != .buffer && tp.weeks[w].activity != .vacation {
            report.violations.append(Violation(rule: "buffer", trainee: spec.id, week: mondays[w], message: "a \(tp.weeks[w].activity.rawValue) week inside the last \(want) weeks before completion, which are kept as buffer"))
        }
        for w in buffer where !tp.weeks[w].courses.isEmpty || tp.weeks[w].research > 0 || tp.weeks[w].quality > 0 {
            report.violations.append(Violation(rule: "buffer", trainee: spec.id, week: mondays[w], message: "course, research or quality work in a buffer week"))
        }
        for w in inST where tp.weeks[w].activity == .buffer && !set.contains(w) {
            report.violations.append(Violation(rule: "buffer", trainee: spec.id, week: mondays[w], message: "a buffer week outside the last \(want) weeks before completion"))
        }
    }
}

import ScenarioFormat
import STCore

// The supervision, self-study and event rules, re-derived from the scenario and the plan's weeks alone.
extension PlanChecker {
    static func isHome(_ a: Activity) -> Bool { a == .home || a == .buffer || a == .research || a == .quality }

    static func checkCalendar(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ program: ProgramSpec, _ scenario: Scenario,
                              _ mondays: [CivilDate], clockAtStart: Double, cuts: Set<Int> = [], _ supervisorHours: inout [String: [Int: Double]],
                              _ report: inout CheckReport) {
        let id = spec.id
        func fail(_ rule: String, _ w: Int?, _ message: String) {
            report.violations.append(Violation(rule: rule, trainee: id, week: w.map { mondays[$0] }, message: message))
        }
        let weeks = tp.weeks
        var before: [Double] = []
        var c = clockAtStart
        for w in weeks { before.append(c); c += w.counts }
        let total = c
        func year(_ w: Int) -> Int { Int((before[w] + 1e-9) / 52) }
        let st = weeks.indices.filter { weeks[$0].activity.isInST }
        let home = st.filter { isHome(weeks[$0].activity) }
        func present(_ w: Int) -> Bool { weeks[w].activity.isInST && weeks[w].activity != .leave && weeks[w].activity != .vacation }
        // Every event with its week, grouped by kind once (the rules below look them up per rotation and year).
        var byKind: [Plan.EventKind: [(week: Int, event: Plan.Event)]] = [:]
        for (w, entry) in weeks.enumerated() { for e in entry.events { byKind[e.kind, default: []].append((w, e)) } }
        func events(_ kind: Plan.EventKind) -> [(week: Int, event: Plan.Event)] { byKind[kind] ?? [] }

        // Supervision: only in home weeks, hours add up, frequency per ST year, the supervisor's month.
        var meetingWeeks = Set<Int>()
        for (w, entry) in weeks.enumerated() {
            let hours = entry.events.filter { $0.kind == .supervision || $0.kind == .followUp }.reduce(0) { $0 + ($1.hours ?? 0) }
            if abs(hours - entry.supervisionHours) > 1e-6 {
                fail("supervision-hours", w, "supervisionHours \(JSONValue.format(entry.supervisionHours)) but the week's meetings take \(JSONValue.format(hours)) h")
            }
            for e in entry.events where e.kind == .supervision || e.kind == .followUp {
                if e.kind == .supervision {
                    meetingWeeks.insert(w)
                    if !isHome(entry.activity) { fail("supervision-week", w, "a supervision meeting in a \(entry.activity.rawValue) week; meetings are held in home weeks") }
                    if let s = spec.supervisor, e.with != s { fail("supervision-week", w, "a meeting with \(e.with ?? "nobody"), not the supervisor \(s)") }
                }
                if grid(mondays).week(containing: e.date) != w { fail("supervision-week", w, "a meeting dated \(e.date) filed under the week of \(mondays[w])") }
                if let s = e.with { supervisorHours[s, default: [:]][e.date.year * 12 + e.date.month - 1, default: 0] += e.hours ?? 0 }
            }
        }
        if let sup = program.supervision {
            var broken: [Int] = []
            for j in home.indices {
                let every = year(home[j]) == 0 ? sup.everyWeeksFirstYear : sup.everyWeeksAfter
                guard j + every <= home.count else { continue }
                if !home[j..<(j + every)].contains(where: meetingWeeks.contains) { broken.append(j) }
            }
            if let j = broken.first {
                let every = year(home[j]) == 0 ? sup.everyWeeksFirstYear : sup.everyWeeksAfter
                fail("supervision-frequency", home[j], "no supervision meeting in \(every) consecutive home weeks from here (ST year \(year(home[j]) + 1))"
                     + (broken.count > 1 ? "; \(broken.count - 1) more such windows" : ""))
            }
        } else if !meetingWeeks.isEmpty {
            fail("supervision-week", meetingWeeks.min(), "supervision meetings planned but the program sets no supervision")
        }

        // Self-study: only in home weeks, whole days when asked, the average in every period.
        var byPeriod: [Int: (hours: Int, weeks: Int, first: Int)] = [:]
        for (w, entry) in weeks.enumerated() where entry.selfStudyHours != 0 || isHome(entry.activity) {
            if entry.selfStudyHours < 0 { fail("self-study-week", w, "negative self-study hours") }
            guard isHome(entry.activity) else {
                fail("self-study-week", w, "\(entry.selfStudyHours) h of self-study in a \(entry.activity.rawValue) week; self-study is planned in home weeks")
                continue
            }
            guard let ss = program.selfStudy else {
                if entry.selfStudyHours != 0 { fail("self-study-week", w, "self-study planned but the program sets no self_study") }
                continue
            }
            if entry.selfStudyHours > ss.maxHoursPerWeek { fail("self-study-week", w, "\(entry.selfStudyHours) h of self-study; max_hours_per_week is \(ss.maxHoursPerWeek)") }
            if ss.fullDays && entry.selfStudyHours % 8 != 0 { fail("self-study-week", w, "\(entry.selfStudyHours) h is not whole 8-hour days (full_days)") }
            let m = mondays[w]
            let key = scenario.calendar.periods == .term ? m.year * 2 + (m.month > 6 ? 1 : 0) : m.year * 4 + (m.month - 1) / 3
            let old = byPeriod[key] ?? (0, 0, w)
            byPeriod[key] = (old.hours + entry.selfStudyHours, old.weeks + 1, old.first)
        }
        if let ss = program.selfStudy {
            for key in byPeriod.keys.sorted() {
                let p = byPeriod[key]!
                if Double(p.hours) < ss.hoursPerWeek * Double(p.weeks) - 1e-6 {
                    fail("self-study", p.first, "\(p.hours) h of self-study over \(p.weeks) home weeks in this period; at least \(JSONValue.format(ss.hoursPerWeek)) h a week means \(JSONValue.format(ss.hoursPerWeek * Double(p.weeks)))")
                }
            }
        }

        // The working calendar: no event on a weekend, public holiday or eve off; no meeting on a day of one of the
        // trainee's courses or on a leave day. Events before a replan's last cut were held in the old plan's time.
        let lastCut = cuts.max() ?? 0
        var courseDays = Set<Int>()
        for x in st {
            for cid in weeks[x].courses {
                guard let s = scenario.course(cid)?.sessions.first(where: { $0.start >= mondays[x] && $0.start < mondays[x].adding(days: 7) }) else { continue }
                var day = s.start
                var left = s.days
                while left > 0 {
                    if day.weekday <= 5 { courseDays.insert(day.daysSinceEpoch); left -= 1 }
                    day = day.adding(days: 1)
                }
            }
        }
        let meetings: Set<Plan.EventKind> = [.supervision, .followUp, .localSupervisor, .sitIn, .assessment, .yearlyReview, .trainingPlan,
                                            .specialistBoard, .supervisionAgreement]
        for (x, entry) in weeks.enumerated() where x >= lastCut {
            for e in entry.events {
                if let why = notWorking(e.date) { fail("day-off", x, "\(e.kind.rawValue) on \(e.date), \(why); events are held on working days") }
                guard meetings.contains(e.kind) else { continue }
                if courseDays.contains(e.date.daysSinceEpoch) { fail("meeting-course-day", x, "\(e.kind.rawValue) on \(e.date), a day of the trainee's course") }
                if spec.leave.contains(where: { $0.range.from <= e.date && e.date <= $0.range.to }) {
                    fail("meeting-leave", x, "\(e.kind.rawValue) on \(e.date), a day of leave")
                }
            }
        }

        // Events given by rule.
        for kind in [Plan.EventKind.assessment, .specialistBoard, .yearlyReview, .sitIn, .trainingPlan, .supervisionAgreement] {
            for (w, e) in events(kind) where !present(w) { fail(kind.rawValue, w, "\(kind.rawValue) on \(e.date) in a \(weeks[w].activity.rawValue) week") }
        }
        if tp.start >= mondays[0], let first = st.first {
            if !events(.trainingPlan).contains(where: { $0.week < first + 26 && $0.event.subject == "signed" }) {
                fail("training-plan", first, "no training plan (utbildningsplan) signed within 6 months of the start")
            }
        }
        let points = { (p: Double) in (0..<10).filter { y in clockAtStart < Double(52 * y) + p - 1e-9 && Double(52 * y) + p <= total + 1e-9 } }
        let reviews = (1...10).filter { k in clockAtStart < Double(52 * k) - 1e-9 && Double(52 * k) <= total + 1e-9 }
        if events(.yearlyReview).count < reviews.count {
            fail("yearly-review", nil, "\(events(.yearlyReview).count) yearly reviews (avstämning); the ST clock (credited weeks included) passes \(reviews.count) ST years in the plan")
        }
        let revisions = reviews.filter { Double(52 * $0) < total - 1e-9 }.count
        if events(.trainingPlan).filter({ $0.event.subject == "revised" }).count < revisions {
            fail("training-plan", nil, "the training plan is revised \(events(.trainingPlan).filter { $0.event.subject == "revised" }.count) times; it needs a revision at each of \(revisions) yearly reviews")
        }
        for y in Set(points(13) + points(39)).sorted() {
            let want = [13.0, 39.0].filter { points($0).contains(y) }.count
            let have = events(.assessment).filter { year($0.week) == y }.count
            if have < want { fail("assessment", nil, "\(have) assessments in ST year \(y + 1); at least \(want == 2 ? "two a year" : "one in the part of the year planned")") }
        }
        for y in points(26) where !events(.specialistBoard).contains(where: { year($0.week) == y }) {
            fail("specialist-board", nil, "no specialist board (specialistkollegium) in ST year \(y + 1)")
        }

        // Placements: a sit-in in the middle of each rotation run, local supervisor and follow-up for runs over 4
        // weeks at another unit, the booking date, and a sit-in at the home clinic per ST year.
        var w = 0
        while w < weeks.count {
            guard let r = weeks[w].rotation, let u = weeks[w].unit else { w += 1; continue }
            var e = w
            while e + 1 < weeks.count, weeks[e + 1].rotation == r, weeks[e + 1].unit == u { e += 1 }
            let n = e - w + 1
            // The middle half of the weeks worked in the run (vacation inside a rotation left out).
            let worked = (w...e).filter { weeks[$0].activity == .rotation }
            let middle = worked.isEmpty ? Set<Int>() : Set(worked[(worked.count / 4)...(worked.count - 1 - worked.count / 4)])
            let inRun = { (x: Int) in x >= w && x <= e }
            // A run that began before a replan's cut had its placement events planned then.
            let begunBeforeCut = cuts.contains { $0 > w }
            if !begunBeforeCut, !events(.sitIn).contains(where: { middle.contains($0.week) && $0.event.subject == u }) {
                fail("sit-in", w, "no sit-in (medsittning) in the middle weeks of the \(r) rotation at \(u)")
            }
            if let unit = scenario.unit(u), !unit.home {
                let due = lastWorkingDay(onOrBefore: mondays[w].adding(days: -7 * unit.leadWeeks))
                let passed = cuts.contains { mondays[$0] > due }
                if !passed, !events(.booking).contains(where: { $0.event.subject == u && $0.event.date == due }) {
                    fail("booking", w, "no booking date \(due) (\(unit.leadWeeks) weeks before the \(r) rotation at \(u))")
                }
                if n > 4 && !begunBeforeCut {
                    if !events(.localSupervisor).contains(where: { inRun($0.week) && $0.event.subject == u }) {
                        fail("local-supervisor", w, "no local supervisor for the \(n)-week rotation at \(u)")
                    }
                    if program.supervision != nil, !events(.followUp).contains(where: { middle.contains($0.week) && $0.event.subject == u }) {
                        fail("follow-up", w, "no follow-up by the main supervisor in the middle of the \(n)-week rotation at \(u)")
                    }
                }
            }
            w = e + 1
        }
        var homeYears = Set<Int>()
        for x in st where weeks[x].activity == .home { homeYears.insert(year(x)) }
        for y in homeYears.sorted() where !events(.sitIn).contains(where: { weeks[$0.week].activity == .home && year($0.week) == y }) {
            fail("sit-in", nil, "no sit-in (medsittning) at the home clinic in ST year \(y + 1)")
        }

        // Application deadlines of the SK courses (and courses with a set deadline) attended.
        var seen = Set<String>()
        for x in st {
            for cid in weeks[x].courses where seen.insert(cid).inserted {
                guard let course = scenario.course(cid), let s = course.sessions.first(where: { $0.start >= mondays[x] && $0.start < mondays[x].adding(days: 7) }) else { continue }
                let due = s.applicationDeadline ?? (course.kind == .sk
                    ? (s.start.month <= 6 ? CivilDate(year: s.start.year - 1, month: 10, day: 1) : CivilDate(year: s.start.year, month: 5, day: 1)) : nil)
                guard let due = due.map(lastWorkingDay(onOrBefore:)) else { continue }
                // A deadline that had passed at a replan's cut was met (or not) in the old plan's time.
                let passed = cuts.contains { mondays[$0] > due }
                if !passed, !events(.applicationDeadline).contains(where: { $0.event.subject == cid && $0.event.date == due }) {
                    fail("application-deadline", x, "no application deadline \(due) for \(cid) (session \(s.start))")
                }
            }
        }
    }

    static func checkSupervisors(_ scenario: Scenario, _ hours: [String: [Int: Double]], _ report: inout CheckReport) {
        for s in scenario.supervisors {
            for (month, h) in (hours[s.id] ?? [:]).sorted(by: { $0.key < $1.key }) where h > s.hoursPerMonth + 1e-6 {
                report.violations.append(Violation(rule: "supervisor-hours", trainee: nil, week: CivilDate(year: month / 12, month: month % 12 + 1, day: 1),
                                                   message: "\(s.id) supervises \(JSONValue.format(h)) h this month; hours_per_month is \(JSONValue.format(s.hoursPerMonth))"))
            }
        }
    }

    static func grid(_ mondays: [CivilDate]) -> WeekGrid { WeekGrid(start: mondays[0], count: mondays.count) }
}

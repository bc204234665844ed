import ScenarioFormat
import STCore

/// A broken hard rule.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    /// A stable rule name, e.g. `rotation-length`, `capacity`, `leave`.
    public var rule: String
    public var trainee: String?
    /// The Monday of the week concerned, when one is.
    public var week: CivilDate?
    public var message: String
    public var description: String {
        [trainee, week?.description].compactMap { $0 }.joined(separator: " ") + (trainee == nil && week == nil ? "" : ": ") + "[\(rule)] \(message)"
    }
}

/// A soft rule's shortfall and what it costs under the scenario's weights.
public struct SoftCost: Sendable, Equatable, CustomStringConvertible {
    public var rule: String
    public var amount: Double
    public var cost: Double
    public var message: String
    public var description: String { "[\(rule)] \(message): cost \(JSONValue.format(cost))" }
}

/// The checker's findings.
public struct CheckReport: Sendable {
    public var violations: [Violation] = []
    public var soft: [SoftCost] = []
    /// True when no hard rule is broken.
    public var passed: Bool { violations.isEmpty }
    /// Violations of one rule.
    public func violations(of rule: String) -> [Violation] { violations.filter { $0.rule == rule } }
}

/// Checks a plan against a scenario, re-deriving every rule from the scenario. It reads the plan file's
/// contents only, and shares no code with the model builder: its calendar arithmetic walks days, not weeks.
public enum PlanChecker {
    public static func check(_ plan: Plan, against scenario: Scenario) -> CheckReport {
        var report = CheckReport()
        func fail(_ rule: String, _ trainee: String?, _ week: CivilDate?, _ message: String) {
            report.violations.append(Violation(rule: rule, trainee: trainee, week: week, message: message))
        }
        let start = scenario.calendar.start
        let count = scenario.calendar.weeks
        if plan.calendar.start != start || plan.calendar.weeks != count {
            fail("calendar", nil, nil, "the plan covers \(plan.calendar.weeks) weeks from \(plan.calendar.start); the scenario \(count) weeks from \(start)")
            return report
        }
        let mondays = (0..<count).map { start.adding(days: 7 * $0) }
        // Weeks at which replans cut the plan: what began before them is history and is not judged again where a
        // replan could not have kept to the rule (a rotation cut by leave, a booking date that had passed).
        let cuts = Set((plan.history?.cuts ?? []).compactMap { c in mondays.firstIndex(of: c) })
        let byID = Dictionary(plan.trainees.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for t in scenario.trainees where byID[t.id] == nil { fail("trainees", t.id, nil, "the scenario's trainee is missing from the plan") }
        for t in plan.trainees where !scenario.trainees.contains(where: { $0.id == t.id }) {
            fail("trainees", t.id, nil, "the plan has a trainee the scenario does not")
        }
        // The home clinics; a trainee serves its program's (`home:`), or the only one.
        let homes = scenario.units.filter(\.home)
        var load: [String: [Int]] = [:]
        var present: [String: [Double]] = Dictionary(uniqueKeysWithValues: homes.map { ($0.id, [Double](repeating: 0, count: count)) })
        var seatUse: [String: [Int: [String]]] = [:]
        var supervisorHours: [String: [Int: Double]] = [:]

        for spec in scenario.trainees {
            guard let tp = byID[spec.id], let program = scenario.programs.first(where: { $0.id == spec.program }) else { continue }
            let id = spec.id
            guard let home = program.home.flatMap({ h in homes.first { $0.id == h } }) ?? homes.first else { continue }
            guard tp.weeks.count == count else {
                fail("weeks", id, nil, "\(tp.weeks.count) week entries for a calendar of \(count) weeks")
                continue
            }
            let leave = spec.leave.map(\.range)
            let e = spec.employment
            let (served, firstMonday) = servedBeforeCalendar(spec, start)
            let required = Double(program.regulation.requiredWeeks - spec.creditedWeeks + spec.extensionWeeks)
            var earliest: Int?
            var running = served
            if running >= required - 1e-6 { earliest = 0 }
            var lastInST: Int?
            var counted = served
            for (w, entry) in tp.weeks.enumerated() {
                let monday = mondays[w]
                if entry.week != monday { fail("weeks", id, monday, "entry \(w) is dated \(entry.week)"); continue }
                let onLeave = touchesWorkingDay(leave, monday)
                let started = monday >= firstMonday
                if earliest == nil, started, !onLeave {
                    running += e
                    if running >= required - 1e-6 { earliest = w + 1 }
                }
                if !started {
                    if entry.activity != .beforeStart { fail("before-start", id, monday, "week before the ST start \(spec.start) is \(entry.activity.rawValue)") }
                    continue
                }
                if entry.activity == .beforeStart { fail("before-start", id, monday, "marked before-start but the ST began \(spec.start)") }
                if entry.activity.isInST { lastInST = w }
                if onLeave && entry.activity.isInST && entry.activity != .leave {
                    fail("leave", id, monday, "the scenario's leave covers this week but the plan has \(entry.activity.rawValue)")
                }
                if !onLeave && entry.activity == .leave { fail("leave", id, monday, "planned as leave but the scenario has no leave this week") }
                let expected = entry.activity.isInST && entry.activity != .leave ? e : 0
                if abs(entry.counts - expected) > 1e-6 {
                    fail("counts", id, monday, "counts \(JSONValue.format(entry.counts)); a \(entry.activity.rawValue) week at \(Int(e * 100)) % counts \(JSONValue.format(expected))")
                }
                counted += entry.counts
                switch entry.activity {
                case .rotation, .vacation:
                    if entry.activity == .rotation, entry.rotation == nil { fail("rotation", id, monday, "a rotation week without a rotation id") }
                    if entry.rotation != nil {
                        guard let u = entry.unit else { fail("rotation", id, monday, "a rotation week without a unit"); break }
                        load[u, default: [Int](repeating: 0, count: count)][w] += 1
                    }
                case .home, .buffer:
                    if entry.unit != home.id { fail("home", id, monday, "a \(entry.activity.rawValue) week at \(entry.unit ?? "no unit"), not \(home.id)") }
                    let courseDays = entry.courses.reduce(0) { $0 + courseDaysIn(scenario, $1, monday) }
                    present[home.id]![w] += e * max(0, 1 - Double(courseDays) / 5 - entry.research - entry.quality)
                default: break
                }
            }
            // In-ST weeks are contiguous from the start and end at the completion.
            if let last = lastInST {
                for w in 0...last where mondays[w] >= firstMonday && !tp.weeks[w].activity.isInST {
                    fail("continuity", id, mondays[w], "\(tp.weeks[w].activity.rawValue) inside the ST")
                }
            }
            let endWeek = (lastInST ?? -1) + 1
            if counted < required - 1e-6 {
                fail("completion", id, nil, "counted service \(JSONValue.format(counted)) weeks is below the \(JSONValue.format(required)) required: the ST is not complete")
            }
            let completion = endWeek <= count && counted >= required - 1e-6 ? start.adding(days: 7 * endWeek) : nil
            if tp.completion != completion {
                fail("completion", id, nil, "the plan says completion \(tp.completion?.description ?? "none"); the weeks give \(completion?.description ?? "none")")
            }
            if let earliest, let completion {
                let ext = start.days(to: completion) / 7 - earliest
                if ext != tp.extensionWeeks { fail("extension", id, nil, "extensionWeeks \(tp.extensionWeeks); the weeks give \(ext)") }
                if ext > 0 {
                    report.soft.append(SoftCost(rule: "extension", amount: Double(ext), cost: Double(ext) * scenario.weights.extensionWeek,
                                                message: "\(id) completes \(ext) weeks after the earliest possible date"))
                }
            }
            if abs(tp.countedWeeks - counted) > 1e-3 {
                fail("counts", id, nil, "countedWeeks \(JSONValue.format(tp.countedWeeks)); the weeks add up to \(JSONValue.format(counted))")
            }
            // The ST clock that every month rule reads (README, "Time in ST"): service before the calendar and
            // credited weeks count as served, so the clock starts at their sum.
            let clockAtStart = served + Double(spec.creditedWeeks)
            checkRotations(tp, spec, program, scenario, mondays, clockAtStart: clockAtStart, cuts: cuts, &report)
            checkWork(tp, spec, program, scenario, mondays, clockAtStart: clockAtStart, &report, &seatUse)
            checkVacation(tp, spec, program, mondays, firstMonday: firstMonday, earliest: earliest, cuts: cuts, &report)
            checkBuffer(tp, spec, program, mondays, &report)
            checkIntroduction(tp, spec, program, mondays, cuts: cuts, &report)
            checkCalendar(tp, spec, program, scenario, mondays, clockAtStart: clockAtStart, cuts: cuts, &supervisorHours, &report)
            checkNotice(tp, scenario, mondays, replans: plan.history?.replans ?? [], &report)
            checkPins(tp, spec, mondays, cuts: cuts, &report)
        }
        checkSupervisors(scenario, supervisorHours, &report)
        checkSeats(scenario, seatUse, &report)
        checkUnits(plan, scenario, mondays, load, &report)
        for home in homes { checkStaffing(plan, scenario, home, mondays, present[home.id]!, named: homes.count > 1, &report) }
        return report
    }

    /// True when a range covers a working day (Monday–Friday) of the week starting `monday`, walked day by day.
    static func touchesWorkingDay(_ ranges: [DateRange], _ monday: CivilDate) -> Bool {
        (0..<5).contains { d in
            let day = monday.adding(days: d)
            return ranges.contains { $0.from <= day && day <= $0.to }
        }
    }

    /// Counted weeks served before the calendar (Mondays from the ST start, not touched by leave), and the
    /// first Monday of the ST.
    static func servedBeforeCalendar(_ spec: TraineeSpec, _ calendarStart: CivilDate) -> (Double, CivilDate) {
        var m = spec.start
        while !m.isMonday { m = m.adding(days: 1) }
        let firstMonday = m
        var served = 0.0
        while m < calendarStart {
            if !touchesWorkingDay(spec.leave.map(\.range), m) { served += spec.employment }
            m = m.adding(days: 7)
        }
        return (served, firstMonday)
    }

    /// The ST clock before week index `w`: the clock at the calendar's start (served before it + credited
    /// weeks) + the plan's counted weeks before `w`.
    static func stClock(_ tp: Plan.TraineePlan, atStart clockAtStart: Double, _ w: Int) -> Double {
        clockAtStart + tp.weeks.prefix(w).reduce(0) { $0 + $1.counts }
    }

    static func checkRotations(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ program: ProgramSpec, _ scenario: Scenario,
                               _ mondays: [CivilDate], clockAtStart: Double, cuts: Set<Int> = [], _ report: inout CheckReport) {
        let id = spec.id
        func fail(_ rule: String, _ week: CivilDate?, _ message: String) {
            report.violations.append(Violation(rule: rule, trainee: id, week: week, message: message))
        }
        // Runs of consecutive rotation weeks with the same requirement and unit.
        struct Run { var rotation: String; var unit: String; var first: Int; var weeks: Int }
        var runs: [Run] = []
        let btDone = spec.done.contains("bt") ? Set(program.bt?.rotations ?? []) : []
        for (w, entry) in tp.weeks.enumerated() where entry.activity == .rotation || (entry.activity == .vacation && entry.rotation != nil) {
            let r = entry.rotation ?? "?"
            let u = entry.unit ?? "?"
            if let last = runs.last, last.rotation == r, last.unit == u, last.first + last.weeks == w { runs[runs.count - 1].weeks += 1 }
            else { runs.append(Run(rotation: r, unit: u, first: w, weeks: 1)) }
        }
        for run in runs where program.rotations.first(where: { $0.id == run.rotation }) == nil || spec.done.contains(run.rotation)
            || btDone.contains(run.rotation) {
            fail("rotation", mondays[run.first], spec.done.contains(run.rotation) || btDone.contains(run.rotation)
                 ? "rotation \(run.rotation) is planned again though it is done"
                 : "rotation \(run.rotation) is not a rotation of program \(program.id)")
        }
        for rot in program.rotations where !spec.done.contains(rot.id) && !btDone.contains(rot.id) {
            let mine = runs.filter { $0.rotation == rot.id }
            // Under extends a rotation's length is the weeks worked there: its vacation weeks lengthen the block.
            let vacationIn = { (run: Run) in (run.first..<(run.first + run.weeks)).filter { tp.weeks[$0].activity == .vacation } }
            let total = mine.reduce(0) { $0 + $1.weeks - (rot.vacation == .extends ? vacationIn($1).count : 0) }
            // A run that ends at a replan's cut and the next run of the rotation are one block, interrupted.
            let resumed = Set(mine.indices.dropFirst().filter { cuts.contains(mine[$0 - 1].first + mine[$0 - 1].weeks) }.map { mine[$0].first })
            let cutShort = Set(mine.filter { cuts.contains($0.first + $0.weeks) }.map(\.first))
            if total < rot.minWeeks || total > rot.maxWeeks {
                let want = rot.minWeeks == rot.maxWeeks ? "\(rot.minWeeks)" : "\(rot.minWeeks)–\(rot.maxWeeks)"
                fail("rotation-length", mine.first.map { mondays[$0.first] }, "rotation \(rot.id) has \(total) weeks; it needs \(want)")
            }
            // Soft: each week a rotation in one block is shorter than its preferred length.
            // (A rotation a replan cut is held to the weeks the old plan gave it, and costs nothing here, as in the model.)
            if rot.splitMax == 1, rot.preferredWeeks > total, !mine.isEmpty, resumed.isEmpty, cutShort.isEmpty {
                let short = Double(rot.preferredWeeks - total)
                report.soft.append(SoftCost(rule: "rotation_short", amount: short, cost: short * scenario.weights.rotationShortWeek,
                                            message: "\(id): rotation \(rot.id) of \(total) weeks, \(rot.preferredWeeks - total) short of the preferred \(rot.preferredWeeks)"))
            }
            if mine.count - resumed.count > rot.splitMax {
                fail("rotation-blocks", mine.first.map { mondays[$0.first] }, "rotation \(rot.id) is in \(mine.count) blocks; at most \(rot.splitMax) allowed")
            }
            if rot.splitMax > 1, let minBlock = rot.minBlockWeeks {
                for run in mine where run.weeks < minBlock && !resumed.contains(run.first) && !cutShort.contains(run.first) {
                    fail("rotation-blocks", mondays[run.first], "a block of rotation \(rot.id) lasts \(run.weeks) weeks; blocks need at least \(minBlock)")
                }
            }
            let btApplies = program.regulation == .hslf2021 && program.bt != nil && !spec.done.contains("bt")
            let isBT = btApplies && program.bt!.rotations.contains(rot.id)
            for run in mine {
                let vacationWeeks = vacationIn(run)
                if !vacationWeeks.isEmpty && rot.vacation == .forbidden {
                    fail("vacation", mondays[vacationWeeks[0]], "vacation inside rotation \(rot.id), where the program forbids it (vacation_in_rotation: forbidden)")
                } else if rot.vacation == .extends, vacationWeeks.count > rot.extendsBy {
                    fail("vacation", mondays[vacationWeeks[0]], "\(vacationWeeks.count) vacation weeks lengthen one block of rotation \(rot.id); it may be lengthened by \(rot.extendsBy)")
                } else if let cap = rot.maxVacationWeeksInBlock,
                          vacationWeeks.count > cap * (rot.splitMax > 1 ? max(1, min(rot.splitMax, run.weeks / max(1, rot.minBlockWeeks ?? 1))) : 1) {
                    // Two blocks of a split rotation back to back at one unit are one run here: each may hold the cap.
                    fail("vacation", mondays[vacationWeeks[0]], "\(vacationWeeks.count) vacation weeks inside one block of rotation \(rot.id); max_vacation_weeks_in_block allows \(cap)")
                } else if !vacationWeeks.isEmpty && total < 8 {
                    fail("vacation", mondays[vacationWeeks[0]], "vacation inside rotation \(rot.id), which is shorter than 8 weeks (\(total))")
                }
                if btApplies {
                    // Credited weeks move the clock but fill no part of the BT block unless bt.count_credited.
                    let btWeeks = Double(program.bt!.weeks) + (program.bt!.countCredited ? 0 : Double(spec.creditedWeeks))
                    if isBT, stClock(tp, atStart: clockAtStart, run.first + run.weeks) > btWeeks + 1e-6 {
                        fail("bt", mondays[run.first], "BT rotation \(rot.id) runs past the BT block (the first \(program.bt!.weeks) weeks of ST time\(program.bt!.countCredited ? "" : ", credited weeks not counted"))")
                    }
                    if !isBT, stClock(tp, atStart: clockAtStart, run.first) < btWeeks - 1e-6 {
                        fail("bt", mondays[run.first], "rotation \(rot.id) starts inside the BT block (the first \(program.bt!.weeks) weeks of ST time\(program.bt!.countCredited ? "" : ", credited weeks not counted")); only \(program.bt!.rotations.joined(separator: ", ")) belong there")
                    }
                }
                for pred in rot.after where !spec.done.contains(pred) {
                    let predRuns = runs.filter { $0.rotation == pred }
                    if let lastEnd = predRuns.map({ $0.first + $0.weeks }).max(), lastEnd > run.first {
                        fail("rotation-order", mondays[run.first], "rotation \(rot.id) starts before \(pred) is complete (after: [\(pred)])")
                    }
                }
                if !rot.units.contains(run.unit) {
                    fail("rotation-unit", mondays[run.first], "rotation \(rot.id) at \(run.unit); allowed: \(rot.units.joined(separator: ", "))")
                }
                if !resumed.contains(run.first), let unit = scenario.units.first(where: { $0.id == run.unit }), !unit.startWindows.isEmpty,
                   !unit.startWindows.contains(where: { $0.contains(mondays[run.first]) }) {
                    fail("start-window", mondays[run.first], "rotation \(rot.id) starts at \(run.unit) outside its start windows")
                }
                let atEnd = stClock(tp, atStart: clockAtStart, run.first + run.weeks)
                if let m = rot.beforeMonth, atEnd > m * 52.0 / 12.0 + 1e-6, !resumed.contains(run.first) {
                    fail("before-month", mondays[run.first], "rotation \(rot.id) ends after \(JSONValue.format(atEnd)) weeks of ST time; before_month \(JSONValue.format(m)) allows \(JSONValue.format(m * 52.0 / 12.0))")
                }
                let atStart = stClock(tp, atStart: clockAtStart, run.first)
                if let m = rot.afterMonth, atStart < m * 52.0 / 12.0 - 1e-6 {
                    fail("after-month", mondays[run.first], "rotation \(rot.id) starts after \(JSONValue.format(atStart)) weeks of ST time; after_month \(JSONValue.format(m)) needs \(JSONValue.format(m * 52.0 / 12.0))")
                }
            }
            for pref in spec.preferences where pref.rotation == rot.id {
                var missed = 0
                for run in mine {
                    for w in run.first..<(run.first + run.weeks) {
                        let monday = mondays[w]
                        if let nb = pref.notBefore, monday.adding(days: 6) < nb { missed += 1 }
                        else if let na = pref.notAfter, monday > na { missed += 1 }
                        else if let u = pref.unit, u != run.unit { missed += 1 }
                    }
                }
                if missed > 0 {
                    report.soft.append(SoftCost(rule: "preference", amount: Double(missed), cost: Double(missed) * scenario.weights.preference,
                                                message: "\(id): \(missed) weeks of \(rot.id) miss a preference"))
                }
            }
        }
    }

    static func checkUnits(_ plan: Plan, _ scenario: Scenario, _ mondays: [CivilDate], _ load: [String: [Int]], _ report: inout CheckReport) {
        for unit in scenario.units where !unit.home {
            let weeks = load[unit.id] ?? [Int](repeating: 0, count: mondays.count)
            for (w, n) in weeks.enumerated() where n > 0 {
                let monday = mondays[w]
                if touchesWorkingDay(unit.closed, monday) { report.violations.append(Violation(rule: "closed", trainee: nil, week: monday, message: "\(n) trainees rotate at \(unit.id) while it is closed")) }
                var capacity = unit.capacity
                for o in unit.capacityOverrides where touchesWorkingDay([o.range], monday) { capacity = o.capacity }
                if let cap = capacity, n > cap {
                    report.violations.append(Violation(rule: "capacity", trainee: nil, week: monday, message: "\(n) trainees rotate at \(unit.id); its capacity is \(cap)"))
                }
            }
            if let reported = plan.units.first(where: { $0.id == unit.id }), reported.load != weeks {
                report.violations.append(Violation(rule: "unit-load", trainee: nil, week: nil, message: "units[\(unit.id)].load does not match the trainees' rotation weeks"))
            }
        }
        for u in load.keys.sorted() where !scenario.units.contains(where: { $0.id == u && !$0.home }) {
            report.violations.append(Violation(rule: "rotation-unit", trainee: nil, week: nil, message: "trainees rotate at \(u), which is not a receiving unit of the scenario"))
        }
    }

    static func checkStaffing(_ plan: Plan, _ scenario: Scenario, _ home: UnitSpec, _ mondays: [CivilDate], _ present: [Double], named: Bool,
                              _ report: inout CheckReport) {
        let clinic = named ? home.name : "the home clinic"
        var short = 0.0, below = 0.0
        for (w, monday) in mondays.enumerated() {
            var minimum = home.staffingMin
            var target = home.staffingTarget ?? home.staffingMin
            for o in home.staffingOverrides where touchesWorkingDay([o.range], monday) {
                if let m = o.min { minimum = m; target = max(target, m) }
                if let t = o.target { target = t }
            }
            short += max(0, Double(minimum) - present[w])
            below += max(0, Double(target) - present[w])
        }
        if short > 1e-9 {
            report.soft.append(SoftCost(rule: "staffing-min", amount: short, cost: short * scenario.weights.staffingShortage,
                                        message: "\(JSONValue.format(short)) trainee-weeks below \(clinic)'s minimum"))
        }
        if below > 1e-9 {
            report.soft.append(SoftCost(rule: "staffing-target", amount: below, cost: below * scenario.weights.staffingBelowTarget,
                                        message: "\(JSONValue.format(below)) trainee-weeks below \(clinic)'s target"))
        }
        if let s = plan.staffing.first(where: { $0.unit == home.id }) {
            if s.present.count != present.count || zip(s.present, present).contains(where: { abs($0 - $1) > 1e-6 }) {
                report.violations.append(Violation(rule: "staffing", trainee: nil, week: nil, message: "staffing.present of \(home.id) does not match its trainees' home weeks"))
            }
        }
    }
}

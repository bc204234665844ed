import LinearModel
import ScenarioFormat
import STCore

/// The second, small model: supervision meetings and self-study for one supervisor's trainees (or one trainee
/// without a supervisor). Built per supervisor because the supervisor's monthly hours are the only thing that
/// ties trainees together; the rotation plan is fixed by then.
///
/// - Meetings `m[t][w]` (binary) only in home weeks; in every run of `every` consecutive home weeks (2 in the
///   first ST year, 4 after, from the program) at least one, else the window's `miss` slack (cost 1000).
/// - Per calendar month, the supervisor's meeting and follow-up hours at most `hours_per_month`, else `over`
///   (cost 1000 per hour).
/// - Self-study `s[t][w]` whole hours in home weeks; per period at least `hours_per_week` × home weeks. Hours above
///   the weekly average cost more (spreads them); with `full_days`, whole 8-hour days, at least one in every
///   8 / `hours_per_week` home weeks where possible. Weeks when the clinic is below its staffing target cost
///   half again as much.
struct SupervisionModel {
    struct Member {
        let index: Int
        let weeks: TraineeWeeks
        let supervision: SupervisionSpec?
        let selfStudy: SelfStudySpec?
        /// Weekday of this trainee's meetings (1 = Tuesday … 4 = Friday).
        let day: Int
        /// The day of each home week a meeting would be held (the trainee's weekday, or the working day nearest it
        /// when that is a day off or a course day); a week without such a day has no meeting.
        let meetingDates: [Int: CivilDate]
        /// The protected introduction's weeks (empty when the ST began before the calendar): the first supervision
        /// meeting lies in them.
        var introduction: [Int] = []
        /// A replan's kept weeks (from week 0): their meetings and self-study are fixed as they were.
        var kept: [Plan.WeekEntry] = []
    }

    let members: [Member]
    let supervisor: SupervisorSpec?
    var model: LinearModel
    var start: [Double] = []
    var meetings: [[(week: Int, v: VariableID)]] = []
    var study: [[(week: Int, v: VariableID, hours: Int)]] = []
    var misses: [[(from: Int, to: Int, year: Int, every: Int, v: VariableID)]] = []
    var overs: [(month: Int, v: VariableID)] = []

    static let missCost = 1000.0

    init(members: [Member], supervisor: SupervisorSpec?, fixedHours: [Int: Double], grid: WeekGrid, periods: PeriodKind, belowTarget: [Bool]) throws(ModelError) {
        self.members = members
        self.supervisor = supervisor
        model = LinearModel(name: "calendar-\(supervisor?.id ?? "t\(members.first?.index ?? 0)")")
        var byMonth: [Int: [LinearTerm]] = [:]
        var startHoursByMonth: [Int: Double] = [:]

        for (i, m) in members.enumerated() {
            let tw = m.weeks
            let home = tw.stRange.filter { tw.isHomeWeek($0) }
            // Meetings and their frequency windows.
            var mv: [(Int, VariableID)] = []
            var miss: [(Int, Int, Int, Int, VariableID)] = []
            if let sup = m.supervision {
                let every = home.map { tw.stYear($0) == 0 ? sup.everyWeeksFirstYear : sup.everyWeeksAfter }
                let greedy = Self.greedyMeetings(every)
                for (j, w) in home.enumerated() {
                    let day = m.meetingDates[w]
                    let was = w < m.kept.count ? (m.kept[w].events.contains { $0.kind == .supervision } ? 1.0 : 0.0) : (day == nil ? 0 : nil)
                    let v = try add("m_\(i)_\(w)", .binary, cost: sup.hours, start: was ?? (greedy.contains(j) ? 1 : 0), fixed: was)
                    mv.append((w, v))
                    let month = Self.monthKey(day ?? grid.monday(w))
                    byMonth[month, default: []].append(LinearTerm(v, sup.hours))
                    if (was ?? (greedy.contains(j) ? 1 : 0)) > 0.5 { startHoursByMonth[month, default: 0] += sup.hours }
                }
                for j in home.indices where j + every[j] <= home.count {
                    let covered = (j..<(j + every[j])).contains { start[mv[$0].1.index] > 0.5 }
                    let v = try add("miss_\(i)_\(j)", .continuous, upper: 1, cost: Self.missCost, start: covered ? 0 : 1)
                    _ = try model.addRow("freq_\(i)_\(j)", (j..<(j + every[j])).map { LinearTerm(mv[$0].1) } + [LinearTerm(v)], .greaterOrEqual(1))
                    miss.append((home[j], home[j + every[j] - 1], tw.stYear(home[j]), every[j], v))
                }
                // The first meeting inside the introduction (the frequency rule gives it when meetings are every
                // 2 weeks; this holds it also for a sparser program). A replan that kept the introduction keeps it.
                let intro = mv.filter { m.introduction.contains($0.0) }
                if let first = intro.first, first.0 >= m.kept.count, let last = intro.last {
                    let covered = intro.contains { start[$0.1.index] > 0.5 }
                    let v = try add("missintro_\(i)", .continuous, upper: 1, cost: Self.missCost, start: covered ? 0 : 1)
                    _ = try model.addRow("intro_\(i)", intro.map { LinearTerm($0.1) } + [LinearTerm(v)], .greaterOrEqual(1))
                    miss.append((first.0, last.0, 0, intro.count, v))
                }
            }
            meetings.append(mv)
            misses.append(miss)
            // Self-study.
            var sv: [(Int, VariableID, Int)] = []
            if let ss = m.selfStudy, !home.isEmpty {
                let unit = ss.fullDays ? 8 : 1
                let most = ss.maxHoursPerWeek / unit
                let even = Int(ss.hoursPerWeek.rounded(.up))
                var byPeriod: [Int: [Int]] = [:]
                for (j, w) in home.enumerated() { byPeriod[Plan.periodKey(grid.monday(w), periods.rawValue), default: []].append(j) }
                var startUnits = [Int](repeating: 0, count: home.count)
                for js in byPeriod.values {
                    let need = Int((ss.hoursPerWeek * Double(js.count) / Double(unit) - 1e-9).rounded(.up))
                    if ss.fullDays {
                        for k in 0..<min(need, js.count * most) { startUnits[js[(k * js.count / max(1, need)) % js.count]] += 1 }
                    } else {
                        for j in js { startUnits[j] = min(most, even) }
                    }
                }
                for (j, w) in home.enumerated() {
                    let cost = Double(unit) * (belowTarget[w] ? 1.5 : 1)
                    let was = w < m.kept.count ? Double(m.kept[w].selfStudyHours / unit) : nil
                    let v = try add("s_\(i)_\(w)", .integer, upper: Double(max(most, Int(was ?? 0))), cost: cost,
                                    start: was ?? Double(startUnits[j]), fixed: was)
                    sv.append((w, v, unit))
                    if !ss.fullDays {
                        let e = try add("e_\(i)_\(w)", .continuous, cost: 2, start: max(0, start[v.index] - Double(even)))
                        _ = try model.addRow("even_\(i)_\(w)", [LinearTerm(v), LinearTerm(e, -1)], .lessOrEqual(Double(even)))
                    }
                }
                for key in byPeriod.keys.sorted() {
                    let js = byPeriod[key]!
                    _ = try model.addRow("study_\(i)_\(key)", js.map { LinearTerm(sv[$0].1, Double(unit)) },
                                         .greaterOrEqual(ss.hoursPerWeek * Double(js.count)))
                    if ss.fullDays {
                        let span = max(1, Int(8 / max(ss.hoursPerWeek, 0.1)))
                        for a in stride(from: 0, to: js.count - span + 1, by: 1) {
                            let window = js[a..<(a + span)]
                            let covered = window.contains { start[sv[$0].1.index] > 0.5 }
                            let slack = try add("spread_\(i)_\(key)_\(a)", .continuous, upper: 1, cost: 4, start: covered ? 0 : 1)
                            _ = try model.addRow("spreadrow_\(i)_\(key)_\(a)", window.map { LinearTerm(sv[$0].1) } + [LinearTerm(slack)], .greaterOrEqual(1))
                        }
                    }
                }
            }
            study.append(sv)
        }
        // The supervisor's hours per month.
        if let s = supervisor {
            for month in Set(byMonth.keys).union(fixedHours.keys).sorted() {
                let fixed = fixedHours[month] ?? 0
                let over = try add("over_\(month)", .continuous, cost: Self.missCost,
                                   start: max(0, (startHoursByMonth[month] ?? 0) + fixed - s.hoursPerMonth))
                overs.append((month, over))
                _ = try model.addRow("hours_\(month)", (byMonth[month] ?? []) + [LinearTerm(over, -1)], .lessOrEqual(s.hoursPerMonth - fixed))
            }
        }
    }

    private mutating func add(_ name: String, _ kind: VariableKind, upper: Double? = nil, cost: Double, start value: Double,
                              fixed: Double? = nil) throws(ModelError) -> VariableID {
        let v = try model.addVariable(name, kind: kind, lower: fixed ?? 0, upper: fixed ?? upper)
        if cost != 0 { try model.setObjective(v, cost) }
        start.append(value)
        return v
    }

    /// Meetings placed as late as each window allows: positions in the home-week list.
    static func greedyMeetings(_ every: [Int]) -> Set<Int> {
        var chosen = Set<Int>()
        var first = 0
        while first < every.count, first + every[first] - 1 < every.count {
            let due = first + every[first] - 1
            chosen.insert(due)
            first = due + 1
        }
        return chosen
    }

    /// Year × 12 + month − 1.
    static func monthKey(_ d: CivilDate) -> Int { d.year * 12 + d.month - 1 }
}

import ScenarioFormat
import STCore

/// How a candidate occupies the weeks it covers.
public enum Placement: Sendable, Hashable {
    /// The whole week away from home (rotation, course week, research or quality block).
    case full
    /// A share of a home week (a course shorter than 5 days, spread research or quality work).
    case atHome
    /// Vacation: a home week, or a week inside a rotation of at least 8 weeks.
    case vacation
}

/// One thing a trainee must do, with the bounds on how many of its candidates are chosen.
public struct Requirement: Sendable {
    public enum Kind: String, Sendable { case rotation, course, research, quality, vacation }
    public let kind: Kind
    /// The rotation or course id; `research`, `quality`; `vacation-2027` or `summer-2027` for vacation.
    public let id: String
    /// Σ chosen candidates lies in `minCount…maxCount`.
    public let minCount: Int
    public let maxCount: Int
    /// Σ weeks of chosen candidates must equal this (split rotations), when set.
    public let totalWeeks: Int?
    /// The rotation, for rotation requirements.
    public let rotation: RotationSpec?
    /// The course requirement, for course requirements.
    public let course: CourseRequirement?
    /// A rotation in one block with a preferred length above its minimum (blocks of several lengths, a cost a week short).
    public var hasPreferredLength: Bool {
        kind == .rotation && totalWeeks == nil && (rotation.map { $0.preferredWeeks > $0.minWeeks } ?? false)
    }

    /// The lengths of a range's candidates: the minimum, the preferred length and every second week between.
    static func lengths(from minimum: Int, toward preferred: Int) -> [Int] {
        Set(stride(from: minimum, through: preferred, by: 2)).union([minimum, preferred]).sorted()
    }
}

/// A placement the model may choose: a rotation block, a course session, a research, quality or vacation block.
/// Only candidates that every fixed rule allows exist (pruned before the model is built).
public struct Candidate: Sendable {
    public let trainee: Int
    /// Index into ``TraineeContext/requirements``.
    public let requirement: Int
    /// The receiving unit, for rotation blocks.
    public let unit: String?
    public let start: Int
    /// Calendar weeks covered.
    public let length: Int
    public let placement: Placement
    /// Share of each covered week taken from home service (`atHome` only; 1 for the others).
    public let shares: [Double]
    /// Weeks this candidate contributes to its requirement (rotation and research weeks).
    public let amount: Int
    /// The course session index, for courses.
    public let session: Int?
    /// A replan's pin: the candidate must be chosen (history, a rotation running on, a booked rotation).
    public internal(set) var forced = false
    /// A replan's cost of choosing this candidate in changed trainee-weeks and moved blocks (see ``Replanner``).
    public internal(set) var changeCost = 0.0
    /// Set for the parts of a rotation cut by a replan: whether the whole rotation may hold vacation weeks.
    var vacationAllowed: Bool? = nil
    /// Under `vacation_in_rotation: extends`: the vacation weeks the block holds, exactly (its length less the
    /// weeks worked, ``amount``).
    public internal(set) var vacationInside = 0
    /// The week after the candidate.
    public var end: Int { start + length }
    /// True for rotation blocks of 8 weeks or more, which may hold vacation weeks.
    public var holdsVacation: Bool { unit != nil && (vacationAllowed ?? (length >= 8)) }
    /// The share of week `w` (inside the candidate) taken from home service.
    public func share(at w: Int) -> Double { placement == .atHome ? shares[w - start] : 1 }
}

/// What the model needs to know about one trainee, derived from the scenario alone.
public struct TraineeContext: Sendable {
    public let spec: TraineeSpec
    public let program: ProgramSpec
    public let timeline: TraineeTimeline
    /// The earliest week at which the ST can be complete (the grid's count when the horizon is short).
    public let earliestEnd: Int
    /// Weeks the ST may be extended by (limited by the horizon).
    public let maxExtension: Int
    /// Everything to plan, in a fixed order: rotations, courses, research, quality, vacation.
    public internal(set) var requirements: [Requirement]
    /// The ST clock before each grid week (index 0…count): weeks served before the calendar + credited weeks +
    /// counted grid weeks before it (``TraineeTimeline/clock(before:)``). Every month rule reads it.
    public let cumulative: [Double]
    /// The part of the clock that does not count toward the BT block: the credited weeks, unless the program's
    /// `bt.count_credited` says they count.
    public let btCredit: Double
    /// For each possible end week e (index e − earliestEnd), the buffer weeks before it.
    public let bufferWeeks: [[Int]]
    /// True when the BT rules apply (an HSLF-FS 2021:8 program with `bt:` and `bt` not in `done`).
    public let btApplies: Bool
    /// Index into ``PlanningContext/homes``: the home clinic whose staffing the trainee's home weeks serve.
    public let home: Int
    /// A replan's pins on the extension: at least `extensionFloor` weeks, at most `extensionCeiling` (the weeks of
    /// the ST before the replan date are history).
    public internal(set) var extensionFloor = 0
    public internal(set) var extensionCeiling: Int? = nil
    /// A replan's reference extension (the old plan's), for the change cost; `nil` for a new trainee.
    public internal(set) var referenceExtension: Int? = nil
    /// This trainee's share of ``PlanningContext/changeConstant``: its old blocks' weights, which the kept ones
    /// cancel.
    public internal(set) var changeConstant = 0.0
}

/// A home clinic's staffing needs: its minimum and target number of (employment-weighted) trainees per week.
public struct HomeStaffing: Sendable {
    public let unit: UnitSpec
    public let min: [Int]
    public let target: [Int]
}

/// The scenario prepared for model building: timelines, capacities, staffing needs and candidates.
public struct PlanningContext: Sendable {
    public let scenario: Scenario
    public let grid: WeekGrid
    public internal(set) var trainees: [TraineeContext]
    /// Capacity per receiving unit and week (`nil` for unlimited; 0 in closed weeks).
    public let capacity: [String: [Int?]]
    /// The home clinics (one, or one per program in a region), each with its minimum and target per week.
    public let homes: [HomeStaffing]
    /// Candidates, grouped by trainee and requirement.
    public internal(set) var candidates: [[[Candidate]]]
    /// A replan's change cost of the old plan's blocks that are no longer chosen is `changeConstant` plus the
    /// chosen candidates' ``Candidate/changeCost`` (0 outside a replan).
    public internal(set) var changeConstant = 0.0
    /// Each course's sessions: the grid weeks and working days per week they cover.
    public let sessionDays: [String: [[(week: Int, days: Int)]]]
    /// Each course's sessions' working days (days since the epoch), for the one-course-a-day rule.
    public let sessionWorkingDays: [String: [Set<Int>]]

    /// Prepares `scenario`; `maxExtensionWeeks` bounds how far an ST may be pushed past its earliest end.
    public init(scenario: Scenario, maxExtensionWeeks: Int = 52) {
        self.scenario = scenario
        let grid = scenario.grid
        self.grid = grid
        var capacity: [String: [Int?]] = [:]
        for u in scenario.units where !u.home {
            var weeks = [Int?](repeating: u.capacity, count: grid.count)
            for o in u.capacityOverrides { for w in grid.weeks(touching: o.range) { weeks[w] = o.capacity } }
            for r in u.closed { for w in grid.weeks(touching: r) { weeks[w] = 0 } }
            capacity[u.id] = weeks
        }
        self.capacity = capacity
        let homes = scenario.homeUnits.map { home in
            var mins = [Int](repeating: home.staffingMin, count: grid.count)
            var targets = [Int](repeating: home.staffingTarget ?? home.staffingMin, count: grid.count)
            for o in home.staffingOverrides {
                for w in grid.weeks(touching: o.range) {
                    if let m = o.min { mins[w] = m; targets[w] = max(targets[w], m) }
                    if let t = o.target { targets[w] = t }
                }
            }
            return HomeStaffing(unit: home, min: mins, target: targets)
        }
        self.homes = homes
        var sessionDays: [String: [[(week: Int, days: Int)]]] = [:]
        for c in scenario.courses { sessionDays[c.id] = c.sessions.map { Self.days(of: $0, grid: grid) } }
        self.sessionDays = sessionDays
        sessionWorkingDays = Dictionary(uniqueKeysWithValues: scenario.courses.map { ($0.id, $0.sessions.map(\.workingDays)) })

        var trainees: [TraineeContext] = []
        var candidates: [[[Candidate]]] = []
        for (ti, t) in scenario.trainees.enumerated() {
            let program = scenario.program(t.program)!
            let timeline = TraineeTimeline(trainee: t, program: program, grid: grid)
            let end = timeline.earliestEnd ?? grid.count
            var cumulative = [Double](repeating: timeline.clock(before: 0), count: grid.count + 1)
            for w in grid.indices { cumulative[w + 1] = cumulative[w] + timeline.counts[w] }
            let maxExt = max(0, min(maxExtensionWeeks, grid.count - end))
            let buffer = (0...maxExt).map { j in Self.bufferWeeks(end: end + j, count: program.completionBufferWeeks, timeline: timeline) }
            let btApplies = program.regulation == .hslf2021 && program.bt != nil && !t.done.contains("bt")
            var reqs: [Requirement] = []
            for rot in program.rotations where !t.done.contains(rot.id) {
                if !btApplies, let bt = program.bt, bt.rotations.contains(rot.id), t.done.contains("bt") { continue }
                reqs.append(Requirement(kind: .rotation, id: rot.id, minCount: 1, maxCount: rot.splitMax,
                                        totalWeeks: rot.splitMax > 1 ? rot.minWeeks : nil, rotation: rot, course: nil))
            }
            for c in program.courses where !t.done.contains(c.course) {
                reqs.append(Requirement(kind: .course, id: c.course, minCount: 1, maxCount: 1, totalWeeks: nil, rotation: nil, course: c))
            }
            if program.research != nil, !t.done.contains("research") {
                reqs.append(Requirement(kind: .research, id: "research", minCount: 1, maxCount: 1, totalWeeks: nil, rotation: nil, course: nil))
            }
            if program.quality != nil, !t.done.contains("quality") {
                reqs.append(Requirement(kind: .quality, id: "quality", minCount: 1, maxCount: 1, totalWeeks: nil, rotation: nil, course: nil))
            }
            if let perYear = program.vacationWeeksPerYear, perYear > 0 {
                for v in Self.vacationYears(perYear: perYear, timeline: timeline, end: end, grid: grid, earning: program.vacationEarningLeave) {
                    if v.summer {
                        reqs.append(Requirement(kind: .vacation, id: "summer-\(v.year)", minCount: 1, maxCount: 1, totalWeeks: nil, rotation: nil, course: nil))
                    }
                    if v.weeks - (v.summer ? 4 : 0) > 0 {
                        let n = v.weeks - (v.summer ? 4 : 0)
                        reqs.append(Requirement(kind: .vacation, id: "vacation-\(v.year)", minCount: n, maxCount: n, totalWeeks: nil, rotation: nil, course: nil))
                    }
                }
            }
            let tc = TraineeContext(spec: t, program: program, timeline: timeline, earliestEnd: end, maxExtension: maxExt,
                                    requirements: reqs, cumulative: cumulative,
                                    btCredit: program.bt?.countCredited == true ? 0 : timeline.credited, bufferWeeks: buffer, btApplies: btApplies,
                                    home: homes.firstIndex { $0.unit.id == scenario.homeUnit(of: program).id } ?? 0)
            trainees.append(tc)
            var mine = reqs.indices.map { ri in
                Self.candidates(trainee: ti, tc, requirement: ri, scenario: scenario, grid: grid, capacity: capacity, sessionDays: sessionDays)
            }
            Self.pruneExtensions(&mine, requirements: reqs, weeks: grid.count)
            candidates.append(mine)
        }
        self.trainees = trainees
        self.candidates = candidates
    }

    /// The most vacation weeks of a trainee that can lie in the weeks `start..<end`: per vacation requirement (a
    /// year's summer block or its single weeks), the weeks its best-placed candidates cover there, at most the
    /// number it takes. Singles are counted by prefix sums, blocks by their few candidates.
    public static func vacationRoom(requirements reqs: [Requirement], candidates: [[Candidate]], weeks n: Int) -> (Int, Int) -> Int {
        var singles: [(count: Int, prefix: [Int])] = []
        var blocks: [(count: Int, spans: [Range<Int>], reach: Range<Int>)] = []
        for r in reqs.indices where reqs[r].kind == .vacation {
            let cands = candidates[r]
            guard !cands.isEmpty else { continue }
            let count = reqs[r].maxCount
            if cands.allSatisfy({ $0.length == 1 }) {
                var prefix = [Int](repeating: 0, count: n + 1)
                var at = [Bool](repeating: false, count: n)
                for c in cands where c.start >= 0 && c.start < n { at[c.start] = true }
                for w in 0..<n { prefix[w + 1] = prefix[w] + (at[w] ? 1 : 0) }
                singles.append((count, prefix))
            } else {
                let spans = cands.map { $0.start..<$0.end }
                blocks.append((count, spans, spans.map(\.lowerBound).min()!..<spans.map(\.upperBound).max()!))
            }
        }
        return { start, end in
            let s = max(0, min(n, start)), e = max(s, min(n, end))
            var total = 0
            for q in singles { total += min(q.count, q.prefix[e] - q.prefix[s]) }
            for q in blocks where q.reach.lowerBound < e && s < q.reach.upperBound {
                let overlaps = q.spans.map { max(0, min($0.upperBound, e) - max($0.lowerBound, s)) }.sorted(by: >)
                total += overlaps.prefix(q.count).reduce(0, +)
            }
            return total
        }
    }

    /// Under `extends` a block j weeks longer than its weeks worked holds exactly j vacation weeks: the blocks
    /// whose weeks cannot hold j of the trainee's vacation (``vacationRoom(requirements:candidates:weeks:)``, e.g.
    /// 4 weeks far from any summer) are left out. No plan loses by it: such a block is never part of one.
    static func pruneExtensions(_ candidates: inout [[Candidate]], requirements reqs: [Requirement], weeks n: Int) {
        let room = vacationRoom(requirements: reqs, candidates: candidates, weeks: n)
        for r in reqs.indices where reqs[r].kind == .rotation && reqs[r].rotation?.vacation == .extends {
            candidates[r].removeAll { $0.vacationInside > 0 && room($0.start, $0.end) < $0.vacationInside }
        }
    }

    /// The grid weeks a course session covers and its working days in each: `days` consecutive working days
    /// from the start (weekends skipped).
    static func days(of s: CourseSession, grid: WeekGrid) -> [(week: Int, days: Int)] {
        var out: [(week: Int, days: Int)] = []
        var day = s.start
        var left = s.days
        while left > 0 {
            if day.weekday <= 5 {
                let w = grid.week(containing: day)
                if let last = out.last, last.week == w { out[out.count - 1].days += 1 } else { out.append((w, 1)) }
                left -= 1
            }
            day = day.adding(days: 1)
        }
        return out
    }

    /// The last `count` weeks with service (not leave) before `end`.
    static func bufferWeeks(end: Int, count: Int, timeline: TraineeTimeline) -> [Int] {
        var out: [Int] = []
        var w = end - 1
        while out.count < count, w >= max(0, timeline.startWeek) {
            if !timeline.leave[w] { out.append(w) }
            w -= 1
        }
        return out.reversed()
    }

    /// A calendar year's vacation: `weeks` to take, of which 4 consecutive in the summer window when `summer`.
    struct VacationYear { var year: Int; var weeks: Int; var summer: Bool; var inST: [Int]; var window: [Int] }

    /// The ISO year of a week (the year of its Thursday).
    static func year(of w: Int, grid: WeekGrid) -> Int { grid.monday(w).adding(days: 3).year }

    /// Summer window weeks: Monday on or after 1 June and Friday on or before 31 August.
    static func inSummer(_ w: Int, grid: WeekGrid) -> Bool {
        let m = grid.monday(w)
        let f = m.adding(days: 4)
        return m.year == f.year && m.month >= 6 && f.month <= 8
    }

    /// Vacation per calendar year: round(perYear × weeks earning vacation / 52), capped at `perYear` and at the
    /// year's weeks of service outside the introduction (where it can be taken). Weeks earning vacation are the
    /// weeks in ST and not on leave, and the leave weeks of the year's sick and parental leave up to
    /// `earning`'s days (a leave week is 7 days). The summer rule applies when every summer-window week of the
    /// year is in ST and not on leave and there are ≥ 4.
    static func vacationYears(perYear: Int, timeline: TraineeTimeline, end: Int, grid: WeekGrid,
                              earning: VacationEarningLeave = .semesterlagen) -> [VacationYear] {
        var byYear: [Int: (inST: [Int], window: [Int], sick: Int, parental: Int)] = [:]
        for w in grid.indices {
            let y = year(of: w, grid: grid)
            if inSummer(w, grid: grid) { byYear[y, default: ([], [], 0, 0)].window.append(w) }
            guard w >= timeline.startWeek && w < end else { continue }
            if !timeline.leave[w] { byYear[y, default: ([], [], 0, 0)].inST.append(w) }
            else if timeline.leaveKind[w] == .sick { byYear[y, default: ([], [], 0, 0)].sick += 1 }
            else if timeline.leaveKind[w] == .parental { byYear[y, default: ([], [], 0, 0)].parental += 1 }
        }
        let intro = Set(timeline.introduction)
        return byYear.keys.sorted().compactMap { y in
            let e = byYear[y]!
            let earned = Double(e.inST.count) + min(Double(e.sick), Double(earning.sickDays) / 7) + min(Double(e.parental), Double(earning.parentalDays) / 7)
            let weeks = min(perYear, Int((Double(perYear) * earned / 52).rounded()), e.inST.filter { !intro.contains($0) }.count)
            guard weeks > 0 else { return nil }
            let inST = Set(e.inST)
            let summer = weeks >= 4 && e.window.count >= 4 && e.window.allSatisfy { inST.contains($0) }
            return VacationYear(year: y, weeks: weeks, summer: summer, inST: e.inST, window: e.window)
        }
    }

    /// The candidates of one requirement, pruned by leave, closures, start windows, month rules and the BT block.
    static func candidates(trainee ti: Int, _ tc: TraineeContext, requirement ri: Int, scenario: Scenario, grid: WeekGrid,
                           capacity: [String: [Int?]], sessionDays: [String: [[(week: Int, days: Int)]]]) -> [Candidate] {
        let req = tc.requirements[ri]
        let first = max(0, tc.timeline.startWeek)
        let last = tc.earliestEnd + tc.maxExtension  // exclusive end of the latest possible ST
        // Leave weeks and the protected introduction: no candidate covers one.
        var leave = tc.timeline.leave
        for w in tc.timeline.introduction { leave[w] = true }
        let cum = tc.cumulative
        func clear(_ s: Int, _ len: Int, _ blocked: (Int) -> Bool) -> Bool {
            guard s >= first, s + len <= last else { return false }
            return !(s..<(s + len)).contains(where: blocked)
        }
        var out: [Candidate] = []
        switch req.kind {
        case .rotation:
            let rot = req.rotation!
            // Without a preferred length the objective never gains from a longer rotation, so the planner uses the
            // shortest allowed total. A split block is the whole rotation or leaves room for at least one more block
            // of min_block_weeks. A rotation in one block with `preferred` has blocks of the minimum, the preferred
            // length and every second week between (each week short costs rotation_short_week).
            let minBlock = rot.minBlockWeeks ?? 1
            let lengths: [Int] = rot.splitMax > 1 && rot.minWeeks - minBlock >= minBlock
                ? Array(minBlock...(rot.minWeeks - minBlock)) + [rot.minWeeks]
                : req.hasPreferredLength ? Requirement.lengths(from: rot.minWeeks, toward: rot.preferredWeeks) : [rot.minWeeks]
            out = rotationBlocks(trainee: ti, requirement: ri, tc, rot, lengths: lengths, from: first, scenario: scenario, grid: grid,
                                 capacity: capacity, resumes: false)
        case .course:
            let c = req.course!
            let cancelled = scenario.course(c.course)?.sessions.map(\.cancelled) ?? []
            for (k, days) in (sessionDays[c.course] ?? []).enumerated() where !(k < cancelled.count && cancelled[k]) {
                guard let f = days.first?.week, let l = days.last?.week else { continue }
                let total = days.reduce(0) { $0 + $1.days }
                guard clear(f, l - f + 1, { leave[$0] }) else { continue }
                if let m = c.beforeMonth, cum[l + 1] > STTime.weeks(months: m) + 1e-9 { continue }
                let full = total >= 5
                let shares = full ? [] : (f...l).map { w in Double(days.first { $0.week == w }?.days ?? 0) / 5 }
                out.append(Candidate(trainee: ti, requirement: ri, unit: nil, start: f, length: l - f + 1, placement: full ? .full : .atHome,
                                     shares: shares, amount: 0, session: k))
            }
        case .research:
            let r = tc.program.research!
            let share = r.mode.weekShare(r.share)
            // The minimum, the preferred length, and every second week between: the model weighs a longer
            // research (each week short of preferred costs research_short_week) against the clinic's staffing.
            for weeks in Requirement.lengths(from: r.minWeeks, toward: r.preferredWeeks) {
                let span = Int((Double(weeks) / share - 1e-9).rounded(.up))
                let shares = r.mode == .block ? [] : (0..<span).map { i in min(share, Double(weeks) - Double(i) * share) }
                for s in first..<max(first, last - span + 1) {
                    guard clear(s, span, { leave[$0] }) else { continue }
                    if let m = r.startBeforeMonth, cum[s] >= STTime.weeks(months: m) - 1e-9 { continue }
                    out.append(Candidate(trainee: ti, requirement: ri, unit: nil, start: s, length: span,
                                         placement: r.mode == .block ? .full : .atHome, shares: shares, amount: weeks, session: nil))
                }
            }
        case .quality:
            let q = tc.program.quality!
            let share = q.mode.weekShare(q.share)
            let span = Int((Double(q.weeks) / share - 1e-9).rounded(.up))
            let shares = q.mode == .block ? [] : (0..<span).map { i in min(share, Double(q.weeks) - Double(i) * share) }
            for s in first..<max(first, last - span + 1) where clear(s, span, { leave[$0] }) {
                out.append(Candidate(trainee: ti, requirement: ri, unit: nil, start: s, length: span,
                                     placement: q.mode == .block ? .full : .atHome, shares: shares, amount: q.weeks, session: nil))
            }
        case .vacation:
            let summer = req.id.hasPrefix("summer-")
            let year = Int(req.id.split(separator: "-").last!)!
            let years = vacationYears(perYear: tc.program.vacationWeeksPerYear ?? 0, timeline: tc.timeline, end: tc.earliestEnd, grid: grid,
                                      earning: tc.program.vacationEarningLeave)
            guard let v = years.first(where: { $0.year == year }) else { break }
            if summer {
                let window = v.window
                for i in 0..<max(0, window.count - 3) where window[i + 3] == window[i] + 3 && !(window[i]...window[i + 3]).contains(where: { leave[$0] }) {
                    out.append(Candidate(trainee: ti, requirement: ri, unit: nil, start: window[i], length: 4, placement: .vacation,
                                         shares: [], amount: 4, session: nil))
                }
            } else {
                let window = Set(v.summer ? v.window : [])
                for w in v.inST where !window.contains(w) && !leave[w] {
                    out.append(Candidate(trainee: ti, requirement: ri, unit: nil, start: w, length: 1, placement: .vacation,
                                         shares: [], amount: 1, session: nil))
                }
            }
        }
        return out
    }

    /// Blocks of rotation `rot` (trainee `ti`'s requirement `ri`) at each of its units, of each length in `lengths`,
    /// starting from week `first` and ending inside the latest possible ST: not on leave, not in a closed week, and
    /// inside the BT block for a BT rotation. A block that `resumes` a rotation a replan cut skips the rules on where
    /// a rotation may start (start windows, `before_month`, `after_month`, not inside the BT block): it began in
    /// time; its rotation may hold vacation when the whole rotation is 8 weeks or more.
    static func rotationBlocks(trainee ti: Int, requirement ri: Int, _ tc: TraineeContext, _ rot: RotationSpec, lengths: [Int], from first: Int,
                               scenario: Scenario, grid: WeekGrid, capacity: [String: [Int?]], resumes: Bool) -> [Candidate] {
        let last = tc.earliestEnd + tc.maxExtension  // exclusive end of the latest possible ST
        let cum = tc.cumulative
        // The BT block on the clock: its end moves by the part of the clock that does not count toward it.
        let btWeeks = Double(tc.program.bt?.weeks ?? 0) + tc.btCredit
        let isBT = tc.btApplies && tc.program.bt!.rotations.contains(rot.id)
        let intro = Set(tc.timeline.introduction)
        var out: [Candidate] = []
        for u in rot.units {
            guard let unit = scenario.unit(u), let cap = capacity[u] else { continue }
            // The trainee's own hard rules: weeks forbidden at this unit (`forbidden:`), and a pinned start (`pins:`)
            // that leaves one start week for an unsplit rotation; a resumed rest keeps the start it had.
            var barred = Set<Int>()
            for f in tc.spec.forbidden where f.unit == u { barred.formUnion(grid.weeks(touching: f.range)) }
            let pins = tc.spec.pins.filter { $0.rotation == rot.id }
            if !resumes, pins.contains(where: { $0.unit != nil }), !pins.contains(where: { $0.unit == nil || $0.unit == u }) { continue }
            let pinnedStart = resumes ? nil : pins.first.map { grid.week(containing: $0.start) }
            // Under `extends` a block of `base` weeks worked may be j weeks longer when it holds exactly j weeks of
            // vacation (``Candidate/vacationInside``; the rows are in VacationBlockCapRows).
            let extra = resumes ? 0 : rot.extendsBy
            for base in lengths where base > 0 {
              for j in 0...extra {
                let length = base + j
                for s in first..<max(first, last - length + 1) {
                    if let p = pinnedStart, s != p { continue }
                    guard !(s..<(s + length)).contains(where: { tc.timeline.leave[$0] || cap[$0] == 0 || intro.contains($0) || barred.contains($0) }) else { continue }
                    if isBT, cum[s + length] > btWeeks + 1e-9 { continue }
                    if !resumes {
                        if !unit.startWindows.isEmpty, !unit.startWindows.contains(where: { $0.contains(grid.monday(s)) }) { continue }
                        if let m = rot.beforeMonth, cum[s + length] > STTime.weeks(months: m) + 1e-9 { continue }
                        if let m = rot.afterMonth, cum[s] < STTime.weeks(months: m) - 1e-9 { continue }
                        if tc.btApplies, !isBT, cum[s] < btWeeks - 1e-9 { continue }
                    }
                    var c = Candidate(trainee: ti, requirement: ri, unit: u, start: s, length: length, placement: .full,
                                      shares: [], amount: base, session: nil)
                    // A resumed rest holds vacation as the whole rotation would; `forbidden` holds none at all; under
                    // `extends` a block holds exactly the weeks it is longer by (a resumed rest none).
                    if rot.vacation == .extends {
                        c.vacationInside = j
                        c.vacationAllowed = j > 0
                    } else if resumes || rot.vacation == .forbidden {
                        c.vacationAllowed = rot.holdsVacation(length: resumes ? rot.minWeeks : length)
                    }
                    out.append(c)
                }
              }
            }
        }
        return out
    }

    /// The same context with only the candidates `allowed[t][r]` (indices into `candidates[t][r]`): the model of a
    /// sub-problem. Map its assignments back with ``expand(_:allowed:)``.
    public func restricted(to allowed: [[[Int]]]) -> PlanningContext {
        var copy = self
        copy.candidates = candidates.indices.map { t in candidates[t].indices.map { r in allowed[t][r].map { candidates[t][r][$0] } } }
        return copy
    }

    /// An assignment of the restricted context, in this context's candidate indices.
    public static func expand(_ a: Assignment, allowed: [[[Int]]]) -> Assignment {
        var out = a
        out.chosen = a.chosen.indices.map { t in a.chosen[t].indices.map { r in a.chosen[t][r].map { allowed[t][r][$0] } } }
        return out
    }

    /// An assignment of this context in the restricted context's indices (`nil` when a choice is not allowed).
    public static func compress(_ a: Assignment, allowed: [[[Int]]]) -> Assignment? {
        var out = a
        for t in a.chosen.indices {
            for r in a.chosen[t].indices {
                var ks: [Int] = []
                for k in a.chosen[t][r] {
                    guard let j = allowed[t][r].firstIndex(of: k) else { return nil }
                    ks.append(j)
                }
                out.chosen[t][r] = ks
            }
        }
        return out
    }

    /// Week label used in model names, e.g. `2027-W10`.
    public func label(_ w: Int) -> String { grid.monday(w).isoWeekLabel }

    /// The term (`VT2027`, `HT2027`) a date falls in: January–June or July–December.
    public static func term(of date: CivilDate) -> String { (date.month <= 6 ? "VT" : "HT") + String(date.year) }
}

import ScenarioFormat
import STCore

extension Replanner {
    /// The new scenario's context with a replan's pins and change costs, the old plan as a start assignment, and
    /// the trainees known to need re-planning (new ones).
    struct Pinned {
        var context: PlanningContext
        var start: Assignment
        var broken: Set<Int>
        var notes: [ReplanNote]
        /// The old plan's rotation starts at other units inside their notice from `today` (see ``Plan/Booking``).
        var booked: [Plan.Booking]
    }

    /// Whether a rotation starting in week `start` at `unit` is inside the unit's notice seen from week `today`:
    /// its booking date (`lead_weeks` before the start, on the working day on or before) is before today's Monday.
    static func shortNotice(_ unit: String?, start: Int, today: Int, _ ctx: PlanningContext) -> Bool {
        guard start >= today, let u = unit, let spec = ctx.scenario.unit(u), !spec.home, spec.leadWeeks > 0 else { return false }
        let grid = ctx.grid
        return SwedishCalendar.workingDay(onOrBefore: grid.monday(start).adding(days: -7 * spec.leadWeeks)) < grid.monday(today)
    }

    /// Pins the old plan into `base` (see ``Replanner``): `level` 1 keeps history, running rotations and
    /// bookings; 2 releases the bookings; 3 also lets running rotations be cut at `today`.
    static func pinned(_ base: PlanningContext, old: Plan, today: Int, level: Int) throws -> Pinned {
        var ctx = base
        let grid = ctx.grid
        var start = Assignment(empty: ctx)
        var broken = Set<Int>()
        var notes: [ReplanNote] = []
        var bookedStarts: [Plan.Booking] = []
        var constant = 0.0
        for t in ctx.trainees.indices {
            let tc = ctx.trainees[t]
            guard let tp = old.trainees.first(where: { $0.id == tc.spec.id }) else {
                // A new trainee: nothing was planned before today.
                broken.insert(t)
                // A new trainee has booked nothing: no rotation at another unit starts inside its notice either.
                let frame = ctx
                for r in tc.requirements.indices {
                    let rotation = tc.requirements[r].kind == .rotation
                    ctx.candidates[t][r].removeAll { $0.start < today || (rotation && shortNotice($0.unit, start: $0.start, today: today, frame)) }
                }
                continue
            }
            let weeks = gridWeeks(tp, grid)
            let blocks = oldBlocks(weeks, t, ctx)
            for r in tc.requirements.indices {
                var req = ctx.trainees[t].requirements[r]
                var cands = ctx.candidates[t][r]
                // The old blocks, a rotation running across today cut in two there.
                var spans: [OldBlock] = []
                var remainder: OldBlock?
                for b in blocks[r] {
                    if req.kind == .rotation, b.start < today, b.end > today {
                        let before = vacationWeeks(weeks, b.start..<today)
                        spans.append(OldBlock(unit: b.unit, start: b.start, length: today - b.start, vacation: before))
                        remainder = OldBlock(unit: b.unit, start: today, length: b.end - today, vacation: b.vacation - before)
                        spans.append(remainder!)
                    } else if req.kind == .research, b.start < today, b.end > today, match(b, cands, req) == nil,
                              let spec = tc.program.research, spec.mode == .block, today - b.start >= spec.minWeeks {
                        // A research block the edit breaks (a new leave inside it) ends at today when the weeks done
                        // already make the shortest research: it is cut, not planned anew.
                        spans.append(OldBlock(unit: nil, start: b.start, length: today - b.start))
                        notes.append(.researchCut(trainee: tc.spec.id, from: grid.monday(b.start), today: grid.monday(today), weeks: today - b.start,
                                                  minimum: spec.minWeeks, later: b.end - today))
                    } else { spans.append(b) }
                }
                if let rem = remainder, let rot = req.rotation {
                    // The parts add up to the weeks the old plan gave the rotation (a preferred length may be more
                    // than the minimum), weeks worked under extends: its rest is then planned as weeks worked,
                    // the vacation that lay in it outside.
                    let extends = rot.vacation == .extends
                    let old = blocks[r].reduce(0) { $0 + $1.length - (extends ? $1.vacation : 0) }
                    req = Requirement(kind: .rotation, id: req.id, minCount: 1, maxCount: rot.splitMax + 1,
                                      totalWeeks: min(max(old, rot.minWeeks), rot.maxWeeks), rotation: rot, course: nil)
                    cands += PlanningContext.rotationBlocks(trainee: t, requirement: r, tc, rot, lengths: [rem.length - (extends ? rem.vacation : 0)], from: today,
                                                            scenario: ctx.scenario, grid: grid, capacity: ctx.capacity, resumes: true)
                        .filter { c in !cands.contains { $0.unit == c.unit && $0.start == c.start && $0.length == c.length } }
                    if match(rem, cands, req) == nil {
                        notes.append(.cannotRunOn(trainee: tc.spec.id, rotation: req.id, unit: rem.unit ?? "-", today: grid.monday(today), weeks: rem.length))
                    }
                }
                // Pins: history, a running rotation's remainder (levels 1–2), bookings (level 1).
                var matched: [Int?] = []
                for b in spans {
                    var k = match(b, cands, req)
                    if b.start < today {
                        if k == nil {
                            guard req.kind == .rotation || req.kind == .vacation || req.kind == .research, b.end <= today else {
                                throw ReplanError("\(tc.spec.id): the \(req.id) block from \(grid.monday(b.start)) runs across --today and the edited scenario "
                                                  + "no longer allows it; stplan cuts rotations, and research where the weeks done make the shortest: give --today \(grid.monday(b.end)) or later, or date the change after the block")
                            }
                            // Under extends the block's vacation weeks lengthen it: they are not weeks worked.
                            let inside = req.rotation?.vacation == .extends ? b.vacation : 0
                            var c = Candidate(trainee: t, requirement: r, unit: b.unit, start: b.start, length: b.length,
                                              placement: req.kind == .vacation ? .vacation : .full, shares: [], amount: b.length - inside, session: nil)
                            if let rot = req.rotation {
                                c.vacationAllowed = rot.vacation == .extends ? inside > 0 : rot.holdsVacation(length: rot.minWeeks)
                                c.vacationInside = inside
                            }
                            cands.append(c)
                            k = cands.count - 1
                        }
                        cands[k!].forced = true
                    } else if let k {
                        let runsOn = remainder.map { $0.start == b.start && $0.unit == b.unit } ?? false
                        let lead = b.unit.flatMap { ctx.scenario.unit($0)?.leadWeeks } ?? 0
                        if (runsOn && level <= 2) || (req.kind == .rotation && level == 1 && b.start < today + lead) { cands[k].forced = true }
                    }
                    matched.append(k)
                }
                let forcedCount = cands.filter(\.forced).count
                if forcedCount > req.maxCount {
                    guard req.kind == .vacation else {
                        throw ReplanError("\(tc.spec.id): \(forcedCount) blocks of \(req.id) are kept, more than the \(req.maxCount) the edited scenario allows")
                    }
                    req = Requirement(kind: .vacation, id: req.id, minCount: forcedCount, maxCount: forcedCount, totalWeeks: nil, rotation: nil, course: nil)
                    notes.append(.vacationKept(trainee: tc.spec.id, weeks: forcedCount, year: Int(req.id.split(separator: "-").last ?? "") ?? 0, today: grid.monday(today)))
                }
                // Nothing new starts before today, and no new booking of a session whose application deadline passed.
                let booked = Set(matched.compactMap { $0 })
                // Notice: no rotation at another unit starts inside the unit's lead_weeks from today unless the old
                // plan started it there (booked; the same start at the same unit, whatever its length now), or it
                // is the remainder of the rotation the trainee is at today (running on, or resuming after leave).
                var startsBooked = Set<String>()
                if req.kind == .rotation {
                    for b in spans where shortNotice(b.unit, start: b.start, today: today, ctx) {
                        let u = b.unit ?? ""
                        startsBooked.insert("\(b.start)|\(u)")
                        if remainder.map({ $0.start == b.start && $0.unit == b.unit }) != true {
                            bookedStarts.append(Plan.Booking(trainee: tc.spec.id, rotation: req.id, unit: u, start: grid.monday(b.start)))
                        }
                    }
                }
                let noticeOK: (Candidate) -> Bool = { c in
                    guard req.kind == .rotation, shortNotice(c.unit, start: c.start, today: today, ctx) else { return true }
                    if let rem = remainder, c.unit == rem.unit { return true }
                    return startsBooked.contains("\(c.start)|\(c.unit ?? "")")
                }
                let passed: (Candidate) -> Bool = { c in
                    guard req.kind == .course, let s = c.session, let course = ctx.scenario.course(req.id), s < course.sessions.count,
                          let due = CalendarEvents.applicationDeadline(course, course.sessions[s]) else { return false }
                    return due < grid.monday(today)
                }
                let keep = cands.indices.filter {
                    cands[$0].forced || (cands[$0].start >= today && (booked.contains($0) || !passed(cands[$0])) && noticeOK(cands[$0]))
                }
                let index = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($0.element, $0.offset) })
                cands = keep.map { cands[$0] }
                // Change costs: a kept old block −(weeks + 1) against the constant; any other candidate its weeks
                // outside the old blocks at the same unit less its weeks inside them.
                var oldWeeks: [String: Set<Int>] = [:]
                for b in spans { oldWeeks[b.unit ?? "", default: []].formUnion(b.start..<b.end) }
                // The old block each kept candidate is (by its index after the filter above).
                var kept: [Int: OldBlock] = [:]
                for (b, k) in zip(spans, matched) { if let i = k.flatMap({ index[$0] }) { kept[i] = b } }
                for (k, c) in cands.enumerated() {
                    if let b = kept[k] {
                        cands[k].changeCost = -Double(b.length + 1)
                    } else {
                        let same = oldWeeks[c.unit ?? ""] ?? []
                        let inside = (c.start..<c.end).filter(same.contains).count
                        cands[k].changeCost = Double(c.length - 2 * inside)
                    }
                }
                let weight = spans.reduce(0) { $0 + Double($1.length + 1) }
                constant += weight
                ctx.trainees[t].changeConstant += weight
                ctx.trainees[t].requirements[r] = req
                ctx.candidates[t][r] = cands
                start.chosen[t][r] = kept.keys.sorted()
            }
            // Vacation taken before today that no requirement of the new scenario holds (leave made the year's
            // share smaller, say): kept as taken, in a requirement of its own per year.
            let held = Set(ctx.trainees[t].requirements.indices.filter { ctx.trainees[t].requirements[$0].kind == .vacation }.flatMap { r in
                ctx.candidates[t][r].filter(\.forced).flatMap { Array($0.start..<$0.end) }
            })
            let orphans = Dictionary(grouping: (0..<today).filter { weeks[$0].activity == .vacation && !held.contains($0) }) {
                PlanningContext.year(of: $0, grid: grid)
            }
            for year in orphans.keys.sorted() {
                let ws = orphans[year]!
                let r = ctx.trainees[t].requirements.count
                ctx.trainees[t].requirements.append(Requirement(kind: .vacation, id: "taken-\(year)", minCount: ws.count, maxCount: ws.count,
                                                                totalWeeks: nil, rotation: nil, course: nil))
                ctx.candidates[t].append(ws.map { w in
                    var c = Candidate(trainee: t, requirement: r, unit: nil, start: w, length: 1, placement: .vacation, shares: [], amount: 1, session: nil)
                    c.forced = true
                    c.changeCost = -2
                    return c
                })
                constant += Double(2 * ws.count)
                ctx.trainees[t].changeConstant += Double(2 * ws.count)
                start.chosen[t].append(Array(ws.indices))
                notes.append(.vacationKept(trainee: tc.spec.id, weeks: ws.count, year: year, today: grid.monday(today)))
            }
            // The extension: the old plan's, and its weeks before today kept.
            let oldEnd = (weeks.lastIndex { $0.activity.isInST } ?? -1) + 1
            let refExt = max(0, min(tc.maxExtension, oldEnd - tc.earliestEnd))
            ctx.trainees[t].referenceExtension = refExt
            ctx.trainees[t].extensionFloor = max(0, min(refExt, today - tc.earliestEnd))
            if oldEnd <= today { ctx.trainees[t].extensionCeiling = refExt }
            start.extensionWeeks[t] = refExt
        }
        ctx.changeConstant = constant
        return Pinned(context: ctx, start: start, broken: broken, notes: notes, booked: bookedStarts)
    }

    /// The vacation weeks of an old plan's `weeks` in `range`.
    static func vacationWeeks(_ weeks: [Plan.WeekEntry], _ range: Range<Int>) -> Int {
        range.filter { $0 < weeks.count && weeks[$0].activity == .vacation }.count
    }

    /// The candidate of requirement `req` that is the old block `b`, if the new scenario still has it.
    static func match(_ b: OldBlock, _ cands: [Candidate], _ req: Requirement) -> Int? {
        switch req.kind {
        case .course: return b.session.flatMap { s in cands.firstIndex { $0.session == s } }
        // Research may come in several lengths: the run's first and last week name the candidate.
        case .research, .quality: return cands.firstIndex { $0.start == b.start && $0.length == b.length }
        // Under extends a block of one length may hold more or less vacation: its vacation names it too.
        case .rotation, .vacation:
            let extends = req.rotation?.vacation == .extends
            return cands.firstIndex { $0.start == b.start && $0.length == b.length && $0.unit == b.unit && (!extends || $0.vacationInside == b.vacation) }
        }
    }

    /// The old plan's blocks per requirement of trainee `t`, in grid weeks: rotation runs per unit, course runs
    /// matched to sessions, the first to last week of research and quality work, and vacation (a summer block where
    /// a summer candidate is all vacation, the rest single weeks of their ISO year).
    static func oldBlocks(_ weeks: [Plan.WeekEntry], _ t: Int, _ ctx: PlanningContext) -> [[OldBlock]] {
        let tc = ctx.trainees[t]
        func runs(_ key: (Plan.WeekEntry) -> String?) -> [(key: String, from: Int, to: Int)] {
            var out: [(String, Int, Int)] = []
            for (w, e) in weeks.enumerated() {
                guard let k = key(e) else { continue }
                if let last = out.last, last.0 == k, last.2 == w - 1 { out[out.count - 1].2 = w } else { out.append((k, w, w)) }
            }
            return out
        }
        var vacationByYear: [Int: Set<Int>] = [:]
        for (w, e) in weeks.enumerated() where e.activity == .vacation { vacationByYear[PlanningContext.year(of: w, grid: ctx.grid), default: []].insert(w) }
        var out: [[OldBlock]] = []
        for (r, req) in tc.requirements.enumerated() {
            switch req.kind {
            case .rotation:
                out.append(runs { $0.rotation == req.id ? $0.unit ?? "" : nil }.map { run in
                    OldBlock(unit: run.key, start: run.from, length: run.to - run.from + 1, vacation: vacationWeeks(weeks, run.from..<(run.to + 1)))
                })
            case .course:
                let sessions = ctx.sessionDays[req.id] ?? []
                out.append(runs { $0.courses.contains(req.id) ? "" : nil }.map { run in
                    let s = sessions.firstIndex { $0.first?.week == run.from && $0.last?.week == run.to }
                    return OldBlock(unit: nil, start: run.from, length: run.to - run.from + 1, session: s)
                })
            case .research, .quality:
                let ws = weeks.indices.filter { req.kind == .research ? (weeks[$0].research > 0 || weeks[$0].activity == .research)
                                                                  : (weeks[$0].quality > 0 || weeks[$0].activity == .quality) }
                out.append(ws.first.map { [OldBlock(unit: nil, start: $0, length: ws.last! - $0 + 1)] } ?? [])
            case .vacation:
                let year = Int(req.id.split(separator: "-").last!)!
                let taken = vacationByYear[year] ?? []
                if req.id.hasPrefix("summer-") {
                    let c = ctx.candidates[t][r].first { c in (c.start..<c.end).allSatisfy(taken.contains) }
                    out.append(c.map { [OldBlock(unit: nil, start: $0.start, length: $0.length)] } ?? [])
                    if let c { vacationByYear[year]?.subtract(c.start..<c.end) }
                } else {
                    out.append(taken.sorted().map { OldBlock(unit: nil, start: $0, length: 1) })
                }
            }
        }
        // A summer requirement comes before the year's other weeks in the requirement list, so its weeks are
        // taken out first; single weeks of a year without a requirement stay unmatched.
        return out
    }
}

import ScenarioFormat
import STCore

/// Builds one trainee's part of an assignment greedily, given what the others already use.
///
/// Requirements in a fixed order (summer vacation, BT rotations, work with deadlines, other rotations in `after`
/// order and the longest first, courses, quality, other vacation); each takes the allowed candidate with the smallest added cost: staffing below min and target,
/// extension (including what the completion buffer forces), preferences and research short of its preferred
/// length, earlier weeks breaking ties. A split
/// rotation is tried as one block. Returns `nil` when some requirement finds no place; the planner then asks
/// GLPK for that trainee alone.
final class Construction {
    let context: PlanningContext
    /// Why the last `place` returned nil.
    var lastFailure = ""
    /// How ``best(_:amount:in:_:)`` chooses among the allowed candidates.
    var choice = Choice.cheapest
    /// A seat allocation to keep to (``CourseSeats``): per trainee and requirement, the one course candidate
    /// allowed; `nil` leaves every candidate open.
    var allowed: [[Int?]]?
    init(context: PlanningContext) { self.context = context }

    /// How a requirement's candidate is chosen.
    enum Choice {
        /// The smallest added cost (staffing, extension, preferences), earlier weeks breaking ties.
        case cheapest
        /// The earliest start for the rotations that have to end by a month of the ST (``deadlineBound(_:)``), the
        /// smallest added cost for the rest. This is list scheduling by earliest deadline: at a one-place unit that
        /// every trainee needs by month 24, the cheapest weeks leave gaps between the trainees that nobody can use,
        /// and the last ones in find no place left (random programmes 9 and 35).
        case earliestForDeadlines
    }

    /// Trainee `t`'s rotations that have to end by a month of the ST: those with `before_month`, the BT
    /// rotations, and every rotation that one of them must follow (`after`), since it ends before it starts.
    func deadlineBound(_ t: Int) -> Set<Int> {
        let tc = context.trainees[t]
        var ids = Set<String>()
        for req in tc.requirements where req.kind == .rotation {
            let bt = tc.btApplies && tc.program.bt!.rotations.contains(req.id)
            if bt || req.rotation!.beforeMonth != nil { ids.insert(req.id) }
        }
        var frontier = Array(ids)
        while let id = frontier.popLast() {
            for p in tc.program.rotation(id)?.after ?? [] where !ids.contains(p) { ids.insert(p); frontier.append(p) }
        }
        return Set(tc.requirements.indices.filter { tc.requirements[$0].kind == .rotation && ids.contains(tc.requirements[$0].id) })
    }

    /// Trainee presence (per home clinic and week), unit load and seats used by everyone but the trainee being placed.
    struct Shared {
        var present: [[Double]]
        var load: [String: [Int]]
        var seats: [String: [Int: Int]]
    }

    /// What the assignment `a` uses, with trainee `skip` (if any) counted at home through the earliest end.
    func shared(_ a: Assignment, skip: Int?) -> Shared {
        var s = Shared(present: context.homes.map { _ in [Double](repeating: 0, count: context.grid.count) },
                       load: context.capacity.mapValues { _ in [Int](repeating: 0, count: context.grid.count) }, seats: [:])
        for t in context.trainees.indices {
            let u = context.usage(t, t == skip ? context.trainees[t].requirements.map { _ in [] } : a.chosen[t],
                                  ext: t == skip ? 0 : a.extensionWeeks[t])
            let h = context.trainees[t].home
            for w in context.grid.indices { s.present[h][w] += u.presence[w] }
            guard t != skip else { continue }
            for (unit, weeks) in u.load { for (w, n) in weeks { s.load[unit]?[w] += n } }
            for (c, ks) in u.seats { for (k, n) in ks { s.seats[c, default: [:]][k, default: 0] += n } }
        }
        return s
    }

    /// The order in which the trainees are placed by the fallback: by where their ST months count from, earliest
    /// first (the start less the credited weeks; then as listed). An earlier ST has the earlier deadlines
    /// (`before_month`) at the units they share, so this is earliest-deadline-first: placed in file order, a
    /// trainee who started months later took the only weeks at a one-place unit that an earlier one still
    /// needed (random programme seed 9). Credited weeks bring the deadlines closer: 26 of them put month 24
    /// half a year sooner.
    func sequence() -> [Int] {
        func key(_ t: Int) -> (Int, Int) { (context.trainees[t].timeline.startWeek - context.trainees[t].spec.creditedWeeks, t) }
        return context.trainees.indices.sorted { key($0) < key($1) }
    }

    /// The trainees by their earliest deadline: the latest end that a candidate of one of their deadline-bound
    /// rotations (``deadlineBound(_:)``) allows, so that part time, credited weeks and leave, which move a month
    /// of the ST, move the trainee too; trainees without one last, then as ``sequence()``.
    func deadlineSequence() -> [Int] {
        let position = Dictionary(uniqueKeysWithValues: sequence().enumerated().map { ($1, $0) })
        let deadline = context.trainees.indices.map { t in
            deadlineBound(t).compactMap { r in context.candidates[t][r].map(\.end).max() }.min() ?? Int.max
        }
        return context.trainees.indices.sorted { (deadline[$0], position[$0]!) < (deadline[$1], position[$1]!) }
    }

    /// The order in which a trainee's requirements are placed.
    func order(_ t: Int) -> [Int] {
        let tc = context.trainees[t]
        let reqs = tc.requirements
        var rank: [Int: Int] = [:]
        // Rotations: BT first, then by depth in the `after` graph, then by fewest candidates.
        func depth(_ id: String, _ seen: Set<String> = []) -> Int {
            guard let rot = tc.program.rotation(id), !seen.contains(id) else { return 0 }
            return rot.after.map { 1 + depth($0, seen.union([id])) }.max() ?? 0
        }
        // Fixed dates first: summer vacation (rotations of 8 weeks or more may still hold it) and courses; then BT,
        // research, work with a deadline before work without.
        for (r, req) in reqs.enumerated() {
            switch req.kind {
            case .rotation:
                let bt = tc.btApplies && tc.program.bt!.rotations.contains(req.id)
                let deadline = req.rotation!.beforeMonth != nil
                rank[r] = (bt ? 10 : deadline ? 300 : 500) + depth(req.id)
            case .course: rank[r] = req.course!.beforeResearch ? 1 : req.course!.beforeMonth != nil ? 2 : 3
            case .research: rank[r] = 200
            case .quality: rank[r] = 700
            case .vacation: rank[r] = req.id.hasPrefix("summer") ? -1 : 900
            }
        }
        // A rotation that must come before one with a deadline (`after`) shares the deadline: it goes before it
        // in the order, else the later one takes the early weeks and leaves its predecessor no room (a random
        // programme's 26-week r1 before a 13-week r2 with `before_month: 24` found no place for r1 at all).
        let index = Dictionary(reqs.enumerated().compactMap { $1.kind == .rotation ? ($1.id, $0) : nil }, uniquingKeysWith: { a, _ in a })
        var changed = true
        while changed {
            changed = false
            for (r, req) in reqs.enumerated() where req.kind == .rotation {
                for p in tc.program.rotation(req.id)?.after ?? [] {
                    guard let q = index[p], rank[q]! > rank[r]! - 1 else { continue }
                    rank[q] = rank[r]! - 1
                    changed = true
                }
            }
        }
        // Within a rank, longer rotations first (as in packing: the long blocks go in while the weeks are still
        // whole, the short ones fill the gaps), then fewer candidates first.
        func weeks(_ r: Int) -> Int { reqs[r].rotation?.minWeeks ?? 0 }
        return reqs.indices.sorted {
            (rank[$0]!, -weeks($0), context.candidates[t][$0].count, $0) < (rank[$1]!, -weeks($1), context.candidates[t][$1].count, $1)
        }
    }

    /// Places trainee `t` given `shared`; returns its choices and extension, or `nil`.
    ///
    /// The fixed order (``order(_:)``) suits most programmes, but a requirement with few places (a long rotation
    /// that must end by an early month, say) can find them all taken by work placed before it. Then the trainee is
    /// placed again with the requirements that failed first, most often failed first (a "squeaky wheel" order),
    /// up to twice per requirement (`retries: false` makes one attempt in the fixed order); `lastFailure` lists the
    /// distinct failures in turn.
    ///
    /// A trainee with a rotation of a preferred length is first placed with every length allowed, each week short
    /// costing `rotation_short_week` as in the model; where that leaves a requirement no place, the rotations go in
    /// at their minimum as without one.
    func place(_ t: Int, _ shared: Shared, retries: Bool = true) -> (chosen: [[Int]], ext: Int)? {
        let base = order(t)
        if context.trainees[t].requirements.contains(where: \.hasPreferredLength),
           case .placed(let p) = place(t, shared, order: base, preferredRotations: true) {
            return p
        }
        guard retries else {
            if case .placed(let p) = place(t, shared, order: base) { return p }
            return nil
        }
        var failed: [Int: Int] = [:]
        var failures: [String] = []
        var order = base
        let position = Dictionary(uniqueKeysWithValues: base.enumerated().map { ($1, $0) })
        for _ in 0..<(2 * base.count + 1) {
            switch place(t, shared, order: order) {
            case .placed(let p): return p
            case .failed(let r):
                if !failures.contains(lastFailure) { failures.append(lastFailure) }
                failed[r, default: 0] += 1
                order = base.sorted { (-(failed[$0] ?? 0), position[$0]!) < (-(failed[$1] ?? 0), position[$1]!) }
            }
        }
        lastFailure = failures.joined(separator: "; then ")
        return nil
    }

    enum Attempt { case placed((chosen: [[Int]], ext: Int)), failed(Int) }

    /// One trainee's placement so far: what each week holds and what the placed work implies for the rest.
    struct State {
        /// Presence at the trainee's own home clinic.
        var present: [Double]
        var load: [String: [Int]]
        var full: [Bool], holding: [Bool], vacation: [Bool], atHome: [Bool]
        /// The first week of the holding block that holds each week, for a block with `max_vacation_weeks_in_block`,
        /// and the vacation weeks each such block holds (by its first week) against its cap.
        var cappedBlock: [Int: Int] = [:], blockVacation: [Int: (weeks: Int, cap: Int)] = [:]
        /// The share of each week taken by work at home (short courses, spread research and quality): at most 1.
        var homeShare: [Double]
        /// The working days of the courses placed (days since the epoch): one course a day.
        var courseDays: Set<Int> = []
        var chosen: [[Int]]
        var ends: [String: Int] = [:], starts: [String: Int] = [:]
        var researchNotBefore = 0
        var researchStart: Int?
        var termCount: [String: Int] = [:]
        var needEnd: Int
    }

    /// What does not change while one trainee is placed.
    struct Fixed {
        let t: Int
        let shared: Shared
        let successors: [String: [String]]
        let latestResearchStart: Int
        /// afterBuffer[x]: the earliest end that keeps the completion buffer clear of work ending at week x.
        let afterBuffer: [Int]
        /// The requirements placed at their earliest start under ``Choice/earliestForDeadlines``.
        let deadlineBound: Set<Int>
    }

    /// Places trainee `t` taking its requirements in `order`; on failure names the requirement that found no place.
    /// A split rotation is placed as one block where one fits, else as two: the longest first part after which
    /// the rest still finds a place.
    func place(_ t: Int, _ shared: Shared, order: [Int], preferredRotations: Bool = false) -> Attempt {
        let tc = context.trainees[t]
        let n = context.grid.count
        var successors: [String: [String]] = [:]
        for rot in tc.program.rotations { for p in rot.after { successors[p, default: []].append(rot.id) } }
        let fixed = Fixed(t: t, shared: shared, successors: successors, latestResearchStart: latestResearchStart(t), afterBuffer: afterBuffer(t),
                          deadlineBound: choice == .earliestForDeadlines ? deadlineBound(t) : [])
        var state = emptyState(t, shared)
        // A replan's pins (history, a running rotation, bookings) stand first; each requirement then gets what
        // they leave of it.
        var pinnedCount = [Int](repeating: 0, count: tc.requirements.count), pinnedWeeks = pinnedCount
        for r in order {
            for (k, c) in context.candidates[t][r].enumerated() where c.forced {
                commit(r, k, to: &state, fixed)
                pinnedCount[r] += 1
                pinnedWeeks[r] += c.amount
            }
        }
        for r in order {
            let req = tc.requirements[r]
            if let all = req.totalWeeks, req.maxCount > 1 {
                let total = all - pinnedWeeks[r], parts = req.maxCount - pinnedCount[r]
                if total <= 0 { continue }
                if parts < 1 { return .failed(r) }
                // One block where one fits; else two parts: the first as long as possible, the second the rest.
                // At the earliest start (``Choice/earliestForDeadlines``) whichever of those ends first: one block
                // or the longest first part may fit only after a closure that shorter parts end before.
                let earliest = fixed.deadlineBound.contains(r)
                var split: (state: State, end: Int)?
                if let k = best(r, amount: total, in: state, fixed) {
                    var trial = state
                    commit(r, k, to: &trial, fixed)
                    if !earliest { state = trial; continue }
                    split = (trial, context.candidates[t][r][k].end)
                }
                let minBlock = req.rotation?.minBlockWeeks ?? 1
                for first in stride(from: total - minBlock, through: minBlock, by: -1) where parts >= 2 {
                    guard let k = best(r, amount: first, in: state, fixed) else { continue }
                    var trial = state
                    commit(r, k, to: &trial, fixed)
                    guard let k2 = best(r, amount: total - first, in: trial, fixed) else { continue }
                    commit(r, k2, to: &trial, fixed)
                    let end = max(context.candidates[t][r][k].end, context.candidates[t][r][k2].end)
                    if split == nil || end < split!.end { split = (trial, end) }
                    if !earliest { break }
                }
                guard let (placed, _) = split else { return .failed(r) }
                state = placed
                continue
            }
            // Research of a range goes in at its shortest here, where it keeps the first half open for the
            // rotations; it is lengthened once everything else has its place (below). A rotation with a preferred
            // length goes in at its minimum too; the search lengthens it where staffing allows.
            let shortest = req.kind == .research || (req.kind == .rotation && req.totalWeeks == nil && !preferredRotations)
                ? context.candidates[t][r].map(\.amount).min() : nil
            for _ in 0..<max(0, req.minCount - pinnedCount[r]) {
                guard let k = best(r, amount: shortest, in: state, fixed) else { return .failed(r) }
                commit(r, k, to: &state, fixed)
            }
        }
        if let r = tc.requirements.firstIndex(where: { $0.kind == .research }), state.chosen[r].count == 1, pinnedCount[r] == 0,
           Set(context.candidates[t][r].map(\.amount)).count > 1 {
            state = lengthenResearch(r, order: order, state, fixed)
        }
        return .placed((chosen: state.chosen, ext: state.needEnd - tc.earliestEnd))
    }

    /// afterBuffer[x] for trainee `t`: the earliest end of the ST that keeps the completion buffer clear of work
    /// ending at week x (the grid's count + 1 where none does).
    func afterBuffer(_ t: Int) -> [Int] {
        let tc = context.trainees[t]
        let n = context.grid.count
        let buffer = tc.program.completionBufferWeeks
        var afterBuffer = [Int](repeating: n + 1, count: n + 1)
        if buffer == 0 { for x in 0...n { afterBuffer[x] = x } } else {
            var j = 0, count = 0
            for x in 0...n {
                if j < x { j = x; count = 0 }
                while j < n && count < buffer { if !tc.timeline.leave[j] { count += 1 }; j += 1 }
                afterBuffer[x] = count >= buffer ? j : n + 1
                if x < n && !tc.timeline.leave[x] && count > 0 { count -= 1 }
            }
        }
        return afterBuffer
    }

    /// The latest week at which trainee `t`'s research can start (`Int.max` without research): a course with
    /// `before: research` has to end by then.
    func latestResearchStart(_ t: Int) -> Int {
        context.trainees[t].requirements.firstIndex { $0.kind == .research }.flatMap { r in context.candidates[t][r].map(\.start).max() } ?? Int.max
    }

    /// Trainee `t` with nothing placed yet, beside the others in `shared`.
    func emptyState(_ t: Int, _ shared: Shared) -> State {
        let tc = context.trainees[t]
        let n = context.grid.count
        let empty = [Bool](repeating: false, count: n)
        return State(present: shared.present[tc.home], load: shared.load, full: empty, holding: empty, vacation: empty, atHome: empty,
                     homeShare: [Double](repeating: 0, count: n), chosen: tc.requirements.map { _ in [] }, needEnd: tc.earliestEnd)
    }

    /// Research placed at its shortest, taken again among all its lengths with everything else standing: the
    /// other work is committed anew in the same order without it, and the cheapest research candidate then
    /// (research short of its preferred length costs `research_short_week` a week) replaces it. The old block is
    /// still allowed there, so the greedy cost never rises.
    func lengthenResearch(_ r: Int, order: [Int], _ placed: State, _ f: Fixed) -> State {
        var s = emptyState(f.t, f.shared)
        for q in order where q != r {
            for k in placed.chosen[q] { commit(q, k, to: &s, f) }
        }
        guard let k = best(r, amount: nil, in: s, f) else { return placed }
        commit(r, k, to: &s, f)
        return s
    }

    /// The allowed candidate of requirement `r` (of `amount` weeks, when given) with the smallest added cost.
    func best(_ r: Int, amount: Int?, in s: State, _ f: Fixed) -> Int? {
        let t = f.t
        let tc = context.trainees[t]
        let req = tc.requirements[r]
        let e = tc.spec.employment
        let weights = context.scenario.weights
        let staffing = context.homes[tc.home]
        // `deadlineBound` is empty unless the choice is ``Choice/earliestForDeadlines`` (``place(_:_:order:preferredRotations:)``).
        let earliest = f.deadlineBound.contains(r)
        var best: (cost: Double, k: Int)?
        let keep = allowed?[t][r]
        for (k, c) in context.candidates[t][r].enumerated() where !s.chosen[r].contains(k) {
            if let a = amount, c.amount != a { continue }
            if let keep, k != keep { continue }
            let weeks = c.start..<c.end
            switch c.placement {
            case .full:
                if weeks.contains(where: { s.full[$0] || s.atHome[$0] || (!c.holdsVacation && s.vacation[$0]) }) { continue }
                if c.holdsVacation, let rot = req.rotation {
                    // Under extends the block holds exactly the vacation it is longer by (placed before it: the
                    // summer vacation comes first); else at most its cap.
                    let inside = weeks.filter { s.vacation[$0] }.count
                    if rot.vacation == .extends ? inside != c.vacationInside : rot.maxVacationWeeksInBlock.map({ inside > $0 }) ?? false { continue }
                }
            case .atHome:
                if weeks.contains(where: { s.full[$0] || s.vacation[$0] || s.homeShare[$0] + c.share(at: $0) > 1 + 1e-9 }) { continue }
            case .vacation:
                if weeks.contains(where: { (s.full[$0] && !s.holding[$0]) || s.atHome[$0] || s.vacation[$0] }) { continue }
                if !s.cappedBlock.isEmpty {
                    var added: [Int: Int] = [:]
                    for w in weeks { if let b = s.cappedBlock[w] { added[b, default: 0] += 1 } }
                    if added.contains(where: { b, n in s.blockVacation[b].map { $0.weeks + n > $0.cap } ?? false }) { continue }
                }
            }
            if let u = c.unit, let caps = context.capacity[u], weeks.contains(where: { w in caps[w].map { cap in s.load[u]![w] >= cap } ?? false }) { continue }
            if req.kind == .rotation, req.rotation!.after.contains(where: { (s.ends[$0] ?? 0) > c.start }) { continue }
            if req.kind == .rotation, (f.successors[req.id] ?? []).contains(where: { (s.starts[$0] ?? Int.max) < c.end }) { continue }
            if req.kind == .research, c.start < s.researchNotBefore { continue }
            // A promoted research block may already stand: such a course then ends before it starts.
            if req.kind == .course, req.course!.beforeResearch, c.end > (s.researchStart ?? f.latestResearchStart) { continue }
            if req.kind == .course {
                let session = context.scenario.course(req.id)!.sessions[c.session!]
                if let seats = session.seats, (f.shared.seats[req.id]?[c.session!] ?? 0) >= seats { continue }
                if let limit = tc.program.maxCoursesPerTerm, s.termCount[PlanningContext.term(of: session.start), default: 0] >= limit { continue }
                if !s.courseDays.isEmpty, !s.courseDays.isDisjoint(with: context.sessionWorkingDays[req.id]![c.session!]) { continue }
            }
            let end = max(s.needEnd, c.end, c.placement == .vacation ? 0 : f.afterBuffer[c.end])
            if end > tc.earliestEnd + tc.maxExtension { continue }
            if earliest {
                // The earliest start; of those, the one that ends first.
                let cost = Double(c.start) + 1e-3 * Double(c.end)
                if best == nil || cost < best!.cost - 1e-9 { best = (cost, k) }
                continue
            }
            var cost = weights.extensionWeek * Double(end - s.needEnd)
            for w in weeks {
                let delta = (c.placement == .vacation && s.holding[w]) || (c.holdsVacation && s.vacation[w]) ? 0 : e * c.share(at: w)
                guard delta > 0 else { continue }
                let p = s.present[w], lo = Double(staffing.min[w]), hi = Double(staffing.target[w])
                cost += weights.staffingShortage * (max(0, lo - p + delta) - max(0, lo - p))
                cost += weights.staffingBelowTarget * (max(0, hi - p + delta) - max(0, hi - p))
            }
            if req.kind == .rotation {
                for p in tc.spec.preferences where p.rotation == req.id {
                    cost += weights.preference * Double(PlanningModel.missedPreferenceWeeks(p, c, grid: context.grid))
                }
            }
            if let short = context.shortCost(t, r, c) { cost += short.cost }
            // In a replan, keeping an old block is worth a little (as in the repair's goal: changes weigh 0.01).
            cost += 0.01 * c.changeCost
            cost += 1e-4 * Double(c.start)
            if req.kind == .course {
                // Prefer terms with room left, so that later courses still find one.
                cost += 1e-2 * Double(s.termCount[PlanningContext.term(of: context.scenario.course(req.id)!.sessions[c.session!].start), default: 0])
            }
            if best == nil || cost < best!.cost - 1e-9 { best = (cost, k) }
        }
        if best == nil { lastFailure = "\(tc.spec.id): no place for \(req.id) (\(context.candidates[t][r].count) candidates)" }
        return best?.k
    }

    /// Adds candidate `k` of requirement `r` to `s`.
    func commit(_ r: Int, _ k: Int, to s: inout State, _ f: Fixed) {
        let tc = context.trainees[f.t]
        let req = tc.requirements[r]
        let e = tc.spec.employment
        s.chosen[r].append(k)
        let c = context.candidates[f.t][r][k]
        for w in c.start..<c.end {
            let delta = (c.placement == .vacation && s.holding[w]) || (c.holdsVacation && s.vacation[w]) ? 0 : e * c.share(at: w)
            s.present[w] -= delta
            switch c.placement {
            case .full: s.full[w] = true; if c.holdsVacation { s.holding[w] = true }
            case .atHome: s.atHome[w] = true; s.homeShare[w] += c.share(at: w)
            case .vacation:
                s.vacation[w] = true
                if let b = s.cappedBlock[w] { s.blockVacation[b]?.weeks += 1 }
            }
            if let u = c.unit, s.load[u] != nil { s.load[u]![w] += 1 }
        }
        if c.holdsVacation, let rot = req.rotation, let cap = rot.vacation == .extends ? c.vacationInside : rot.maxVacationWeeksInBlock {
            for w in c.start..<c.end { s.cappedBlock[w] = c.start }
            s.blockVacation[c.start] = ((c.start..<c.end).filter { s.vacation[$0] }.count, cap)
        }
        s.needEnd = max(s.needEnd, c.end, c.placement == .vacation ? 0 : f.afterBuffer[c.end])
        if req.kind == .rotation { s.ends[req.id] = max(s.ends[req.id] ?? 0, c.end); s.starts[req.id] = min(s.starts[req.id] ?? Int.max, c.start) }
        if req.kind == .research { s.researchStart = c.start }
        if req.kind == .course {
            let session = context.scenario.course(req.id)!.sessions[c.session!]
            s.termCount[PlanningContext.term(of: session.start), default: 0] += 1
            s.courseDays.formUnion(context.sessionWorkingDays[req.id]![c.session!])
            if req.course!.beforeResearch { s.researchNotBefore = max(s.researchNotBefore, c.end) }
        }
    }
}

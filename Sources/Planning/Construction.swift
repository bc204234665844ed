import ScenarioFormat
import STCore

/// Builds one trainee's part of an assignment greedily, given what the others already use.
///
/// Requirements in a fixed order (summer vacation, BT rotations, work with deadlines, other rotations in `after`
/// order, courses, quality, other vacation); each takes the allowed candidate with the smallest added cost: staffing below min and target,
/// extension (including what the completion buffer forces) and preferences, earlier weeks breaking ties. A split
/// rotation is tried as one block. Returns `nil` when some requirement finds no place; the planner then asks
/// GLPK for that trainee alone.
final class Construction {
    let context: PlanningContext
    /// Why the last `place` returned nil.
    var lastFailure = ""
    init(context: PlanningContext) { self.context = context }

    /// Trainee presence, unit load and seats used by everyone but the trainee being placed.
    struct Shared {
        var present: [Double]
        var load: [String: [Int]]
        var seats: [String: [Int: Int]]
    }

    /// What the assignment `a` uses, with trainee `skip` (if any) counted at home through the earliest end.
    func shared(_ a: Assignment, skip: Int?) -> Shared {
        var s = Shared(present: [Double](repeating: 0, count: context.grid.count),
                       load: context.capacity.mapValues { _ in [Int](repeating: 0, count: context.grid.count) }, seats: [:])
        for t in context.trainees.indices {
            let u = context.usage(t, t == skip ? context.trainees[t].requirements.map { _ in [] } : a.chosen[t],
                                  ext: t == skip ? 0 : a.extensionWeeks[t])
            for w in context.grid.indices { s.present[w] += u.presence[w] }
            guard t != skip else { continue }
            for (unit, weeks) in u.load { for (w, n) in weeks { s.load[unit]?[w] += n } }
            for (c, ks) in u.seats { for (k, n) in ks { s.seats[c, default: [:]][k, default: 0] += n } }
        }
        return s
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
        return reqs.indices.sorted { (rank[$0]!, context.candidates[t][$0].count, $0) < (rank[$1]!, context.candidates[t][$1].count, $1) }
    }

    /// Places trainee `t` given `shared`; returns its choices and extension, or `nil`.
    func place(_ t: Int, _ shared: Shared) -> (chosen: [[Int]], ext: Int)? {
        let tc = context.trainees[t]
        let grid = context.grid
        let n = grid.count
        let e = tc.spec.employment
        let weights = context.scenario.weights
        var present = shared.present
        var load = shared.load
        var full = [Bool](repeating: false, count: n), holding = [Bool](repeating: false, count: n)
        var vacation = [Bool](repeating: false, count: n), atHome = [Bool](repeating: false, count: n)
        var chosen = tc.requirements.map { _ in [Int]() }
        var ends: [String: Int] = [:], starts: [String: Int] = [:]
        var successors: [String: [String]] = [:]
        for rot in tc.program.rotations { for p in rot.after { successors[p, default: []].append(rot.id) } }
        var researchNotBefore = 0
        let latestResearchStart = tc.requirements.firstIndex { $0.kind == .research }.flatMap { r in context.candidates[t][r].map(\.start).max() } ?? Int.max
        var termCount: [String: Int] = [:]
        var needEnd = tc.earliestEnd
        // afterBuffer[x]: the earliest end that keeps the buffer clear of work ending at week x.
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
        for r in order(t) {
            let req = tc.requirements[r]
            let cands = context.candidates[t][r]
            var taken = Set<Int>()
            for _ in 0..<req.minCount {
                var best: (cost: Double, k: Int)?
                for (k, c) in cands.enumerated() where !taken.contains(k) {
                    if let total = req.totalWeeks, c.amount != total { continue }
                    let weeks = c.start..<c.end
                    switch c.placement {
                    case .full:
                        if weeks.contains(where: { full[$0] || atHome[$0] || (!c.holdsVacation && vacation[$0]) }) { continue }
                    case .atHome:
                        if weeks.contains(where: { full[$0] || vacation[$0] }) { continue }
                    case .vacation:
                        if weeks.contains(where: { (full[$0] && !holding[$0]) || atHome[$0] || vacation[$0] }) { continue }
                    }
                    if let u = c.unit, let caps = context.capacity[u], weeks.contains(where: { w in caps[w].map { cap in load[u]![w] >= cap } ?? false }) { continue }
                    if req.kind == .rotation, req.rotation!.after.contains(where: { (ends[$0] ?? 0) > c.start }) { continue }
                    if req.kind == .rotation, (successors[req.id] ?? []).contains(where: { (starts[$0] ?? Int.max) < c.end }) { continue }
                    if req.kind == .research, c.start < researchNotBefore { continue }
                    if req.kind == .course, req.course!.beforeResearch, c.end > latestResearchStart { continue }
                    if req.kind == .course {
                        let session = context.scenario.course(req.id)!.sessions[c.session!]
                        if let seats = session.seats, (shared.seats[req.id]?[c.session!] ?? 0) >= seats { continue }
                        if let limit = tc.program.maxCoursesPerTerm, termCount[PlanningContext.term(of: session.start), default: 0] >= limit { continue }
                    }
                    let end = max(needEnd, c.end, c.placement == .vacation ? 0 : afterBuffer[c.end])
                    if end > tc.earliestEnd + tc.maxExtension { continue }
                    var cost = weights.extensionWeek * Double(end - needEnd)
                    for w in weeks {
                        let delta = (c.placement == .vacation && holding[w]) || (c.holdsVacation && vacation[w]) ? 0 : e * c.share(at: w)
                        guard delta > 0 else { continue }
                        let p = present[w]
                        cost += weights.staffingShortage * (max(0, Double(context.staffingMin[w]) - p + delta) - max(0, Double(context.staffingMin[w]) - p))
                        cost += weights.staffingBelowTarget * (max(0, Double(context.staffingTarget[w]) - p + delta) - max(0, Double(context.staffingTarget[w]) - p))
                    }
                    if req.kind == .rotation {
                        for p in tc.spec.preferences where p.rotation == req.id {
                            cost += weights.preference * Double(PlanningModel.missedPreferenceWeeks(p, c, grid: grid))
                        }
                    }
                    cost += 1e-4 * Double(c.start)
                    if req.kind == .course {
                        // Prefer terms with room left, so that later courses still find one.
                        cost += 1e-2 * Double(termCount[PlanningContext.term(of: context.scenario.course(req.id)!.sessions[c.session!].start), default: 0])
                    }
                    if best == nil || cost < best!.cost - 1e-9 { best = (cost, k) }
                }
                guard let (_, k) = best else {
                    lastFailure = "\(tc.spec.id): no place for \(req.id) (\(cands.count) candidates)"
                    return nil
                }
                taken.insert(k)
                chosen[r].append(k)
                let c = cands[k]
                for w in c.start..<c.end {
                    let delta = (c.placement == .vacation && holding[w]) || (c.holdsVacation && vacation[w]) ? 0 : e * c.share(at: w)
                    present[w] -= delta
                    switch c.placement {
                    case .full: full[w] = true; if c.holdsVacation { holding[w] = true }
                    case .atHome: atHome[w] = true
                    case .vacation: vacation[w] = true
                    }
                    if let u = c.unit, load[u] != nil { load[u]![w] += 1 }
                }
                needEnd = max(needEnd, c.end, c.placement == .vacation ? 0 : afterBuffer[c.end])
                if req.kind == .rotation { ends[req.id] = max(ends[req.id] ?? 0, c.end); starts[req.id] = min(starts[req.id] ?? Int.max, c.start) }
                if req.kind == .course {
                    let session = context.scenario.course(req.id)!.sessions[c.session!]
                    termCount[PlanningContext.term(of: session.start), default: 0] += 1
                    if req.course!.beforeResearch { researchNotBefore = max(researchNotBefore, c.end) }
                }
            }
        }
        return (chosen: chosen, ext: needEnd - tc.earliestEnd)
    }
}

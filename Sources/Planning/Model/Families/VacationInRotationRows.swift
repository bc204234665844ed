import LinearModel

extension PlanningModel {
    /// Vacation inside a rotation: a vacation week that lies in a rotation block of 8 weeks or more is away from
    /// home once, not twice. Per trainee, rotation requirement r and week w where both can happen, `u[t,r,w]` (in
    /// ``vacationInRotation``) is 1 when both do; the staffing rows add it back to the home presence.
    /// - `vacrot1[t,r,w]`: u ≤ the rotation's holding blocks covering w;
    /// - `vacrot2[t,w]`: Σ_r u ≤ the vacation covering w;
    /// - `vacrotcap[t,r]`: Σ_w u ≤ Σ_k M_k · y_k over r's holding blocks, where M_k is the most vacation weeks
    ///   block k can hold (``vacationRoom(_:)``), written around the commonest M so that most blocks take no
    ///   term (for a split rotation, whose blocks are thousands, a slightly weaker row with fewer terms still).
    ///
    /// The cap is what makes the LP honest. Without it the LP spreads each rotation thinly over many weeks and the
    /// vacation with it, and every vacation week of the ST is "inside a rotation" at once: one obstetrics trainee
    /// alone had 25 vacation weeks inside rotations in the LP against 15 in any plan (a 1.9 % gap GLPK did not
    /// close in 10 s; with the cap the LP bound is the optimum). The cap holds for every plan: a block holds at
    /// most the vacation weeks that can lie in its weeks.
    mutating func addVacationInRotationRows() throws {
        vacationInRotation = context.trainees.map { _ in [:] }
        for t in free {
            let tc = context.trainees[t]
            let id = tc.spec.id
            var held: [Int: [VariableID]] = [:]
            for (w, cover) in covering[t].enumerated() where !cover.isEmpty {
                var holding: [Int: [VariableID]] = [:], vacation: [LinearTerm] = []
                for c in cover {
                    if c.holdsVacation { holding[c.r, default: []].append(c.v) }
                    if c.placement == .vacation { vacation.append(LinearTerm(c.v)) }
                }
                guard !holding.isEmpty, !vacation.isEmpty else { continue }
                let label = context.label(w)
                var us: [LinearTerm] = []
                for r in holding.keys.sorted() {
                    let req = tc.requirements[r].id
                    let u = try model.addVariable("vacrot[\(id),\(req),\(label)]", lower: 0, upper: 1)
                    vacationInRotation[t][w, default: [:]][r] = u
                    held[r, default: []].append(u)
                    us.append(LinearTerm(u))
                    try addRow(RowTag(.vacationInRotationRotation, trainee: t, requirement: r, week: w), "vacrot1[\(id),\(req),\(label)]",
                               [LinearTerm(u)] + holding[r]!.map { LinearTerm($0, -1) }, .lessOrEqual(0))
                }
                try addRow(RowTag(.vacationInRotationVacation, trainee: t, week: w), "vacrot2[\(id),\(label)]",
                           us + vacation.map { LinearTerm($0.variable, -1) }, .lessOrEqual(0))
            }
            let room = vacationRoom(t)
            for r in held.keys.sorted() {
                let req = tc.requirements[r]
                var rooms: [(k: Int, m: Int)] = []
                for (k, c) in context.candidates[t][r].enumerated() where c.holdsVacation { rooms.append((k, min(c.length, room(c.start, c.end)))) }
                let most = rooms.map(\.m).max() ?? 0
                // A cap the weeks cannot reach adds nothing.
                guard req.maxCount * most < held[r]!.count else { continue }
                // Σ_k M_k y_k = base · Σ_k y_k + Σ_k (M_k − base) y_k around the commonest M: unsplit, Σ_k y_k = 1
                // and the blocks with that room take no term of their own. A split rotation takes 1…split_max
                // blocks, so its row has every block that can hold vacation (a base times split_max instead of
                // Σ_k y_k left one microbiology trainee's bound 0.35 % short, against 0.04 %).
                var base = 0
                if req.totalWeeks == nil {
                    var tally: [Int: Int] = [:]
                    for x in rooms { tally[x.m, default: 0] += 1 }
                    base = tally.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
                }
                var terms = held[r]!.map { LinearTerm($0) }
                for x in rooms where x.m != base { terms.append(LinearTerm(block[t][r][x.k], -Double(x.m - base))) }
                let cap = Double(base)
                try addRow(RowTag(.vacationInRotationCap, trainee: t, requirement: r), "vacrotcap[\(id),\(req.id)]", terms, .lessOrEqual(cap))
            }
        }
    }

    /// The most vacation weeks of trainee t that can lie in the weeks `start..<end`: per vacation requirement (a
    /// year's summer block or its single weeks), the weeks its best-placed candidates cover there, at most the
    /// number it takes. Singles are counted by prefix sums, blocks by their few candidates.
    func vacationRoom(_ t: Int) -> (Int, Int) -> Int {
        let reqs = context.trainees[t].requirements
        let n = context.grid.count
        var singles: [(count: Int, prefix: [Int])] = []
        var blocks: [(count: Int, spans: [Range<Int>])] = []
        for r in reqs.indices where reqs[r].kind == .vacation {
            let cands = context.candidates[t][r]
            guard !cands.isEmpty else { continue }
            let count = reqs[r].maxCount
            if cands.allSatisfy({ $0.length == 1 }) {
                var prefix = [Int](repeating: 0, count: n + 1)
                var at = [Bool](repeating: false, count: n)
                for c in cands where c.start >= 0 && c.start < n { at[c.start] = true }
                for w in 0..<n { prefix[w + 1] = prefix[w] + (at[w] ? 1 : 0) }
                singles.append((count, prefix))
            } else {
                blocks.append((count, cands.map { $0.start..<$0.end }))
            }
        }
        return { start, end in
            let s = max(0, min(n, start)), e = max(s, min(n, end))
            var total = 0
            for q in singles { total += min(q.count, q.prefix[e] - q.prefix[s]) }
            for q in blocks {
                let overlaps = q.spans.map { max(0, min($0.upperBound, e) - max($0.lowerBound, s)) }.sorted(by: >)
                total += overlaps.prefix(q.count).reduce(0, +)
            }
            return total
        }
    }
}

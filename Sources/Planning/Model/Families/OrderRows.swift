import LinearModel

extension PlanningModel {
    /// `after: [a]`: rotation r starts only when every block of a has ended. A running count
    /// `done[t,a,w]` = Σ a-blocks ending at or before week w keeps the rows short:
    /// - both in one block: Σ r-blocks starting ≤ w ≤ done[w] (r started by w means a ended by w);
    /// - otherwise, with r's blocks in an occupancy taken by it (r occupies w) and the others where they start:
    ///   unsplit a: r in w ≤ done[w]; split a: split_max(a) · r in w + blocks[a] − done[w] ≤ split_max(a),
    ///   where `blocks[t,a]` = Σ a-blocks is written once (`blocksdef`), not in every week's row.
    mutating func addOrderRows() throws {
        for t in free {
            let tc = context.trainees[t]
            for (r, req) in tc.requirements.enumerated() where req.kind == .rotation {
                for pred in req.rotation!.after {
                    guard let a = tc.requirements.firstIndex(where: { $0.kind == .rotation && $0.id == pred }) else { continue }
                    let rc = context.candidates[t][r], ac = context.candidates[t][a]
                    guard let firstStart = rc.map(\.start).min(), let lastStart = rc.map(\.start).max() else { continue }
                    let splitA = tc.requirements[a].maxCount
                    let single = splitA == 1 && req.maxCount == 1
                    var endingAt: [Int: [VariableID]] = [:]
                    for (k, c) in ac.enumerated() { endingAt[c.end, default: []].append(block[t][a][k]) }
                    // r's blocks in an occupancy (split and long ones) enter through it: r occupies week w only
                    // when a is done by w (a block covering w started at or before it, and `done` only grows),
                    // two terms a week instead of one for every block. The others enter where they start.
                    var startingAt: [Int: [VariableID]] = [:]
                    var occupied = Set<Int>()
                    for (k, c) in rc.enumerated() {
                        let i = streamOf[t][r][k]
                        if i >= 0 { occupied.insert(i) } else { startingAt[c.start, default: []].append(block[t][r][k]) }
                    }
                    let occupancies = occupied.sorted().map { streams[$0] }
                    func occupancy(_ w: Int) -> [VariableID] {
                        occupancies.compactMap { w >= $0.first && w < $0.first + $0.occ.count ? $0.occ[w - $0.first] : nil }
                    }
                    let useStarted = single && occupied.isEmpty
                    let key = "\(tc.spec.id),\(req.id),\(pred)"
                    let count = splitA == 1 ? nil : try blockCount(t, a)
                    // done[w] over firstStart…lastStart, seeded with every a-block that ends by firstStart.
                    var previous: VariableID?
                    var started: VariableID?
                    for w in firstStart...lastStart {
                        let done = try model.addVariable("done[\(key),\(context.label(w))]", lower: 0, upper: Double(splitA))
                        var terms = [LinearTerm(done)]
                        let add = previous == nil ? endingAt.filter { $0.key <= w }.flatMap(\.value).sorted() : endingAt[w] ?? []
                        if let p = previous { terms.append(LinearTerm(p, -1)) }
                        terms += add.map { LinearTerm($0, -1) }
                        sums.append((done, previous, add))
                        try addRow(RowTag(.doneCount, trainee: t, requirement: r, predecessor: a, week: w), "donedef[\(key),\(context.label(w))]", terms, .equal(0))
                        previous = done
                        if useStarted {
                            let s = try model.addVariable("started[\(key),\(context.label(w))]", lower: 0, upper: 1)
                            var st = [LinearTerm(s)] + (startingAt[w] ?? []).map { LinearTerm($0, -1) }
                            if let p = started { st.append(LinearTerm(p, -1)) }
                            sums.append((s, started, startingAt[w] ?? []))
                            try addRow(RowTag(.startedCount, trainee: t, requirement: r, predecessor: a, week: w), "starteddef[\(key),\(context.label(w))]", st, .equal(0))
                            started = s
                            try addRow(RowTag(.after, trainee: t, requirement: r, predecessor: a, week: w), "after[\(key),\(context.label(w))]", [LinearTerm(s), LinearTerm(done, -1)], .lessOrEqual(0))
                        } else {
                            let into = (startingAt[w] ?? []) + occupancy(w)
                            guard !into.isEmpty else { continue }
                            // Unsplit a: r in w ≤ done[w]; split a: all of its blocks, counted by blocks[a].
                            let terms = into.map { LinearTerm($0, Double(splitA)) } + (count.map { [LinearTerm($0)] } ?? []) + [LinearTerm(done, -1)]
                            try addRow(RowTag(.after, trainee: t, requirement: r, predecessor: a, week: w), "after[\(key),\(context.label(w))]", terms,
                                       .lessOrEqual(count == nil ? 0 : Double(splitA)))
                        }
                    }
                }
            }
        }
    }

    /// `blocks[t,a]`: the number of trainee t's chosen blocks of requirement a, made once per requirement.
    mutating func blockCount(_ t: Int, _ a: Int) throws -> VariableID {
        if let v = blockCounts[[t, a]] { return v }
        let tc = context.trainees[t]
        let v = try model.addVariable("blocks[\(tc.spec.id),\(tc.requirements[a].id)]", lower: 0, upper: Double(tc.requirements[a].maxCount))
        try addRow(RowTag(.blockCount, trainee: t, requirement: a), "blocksdef[\(tc.spec.id),\(tc.requirements[a].id)]", [LinearTerm(v)] + block[t][a].map { LinearTerm($0, -1) }, .equal(0))
        sums.append((v, nil, block[t][a]))
        blockCounts[[t, a]] = v
        return v
    }
}

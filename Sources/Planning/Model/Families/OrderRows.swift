import LinearModel

extension PlanningModel {
    /// `after: [a]`: rotation r starts only when every block of a has ended. A running count
    /// `done[t,a,w]` = Σ a-blocks ending at or before week w keeps the rows short:
    /// - both in one block: Σ r-blocks starting ≤ w ≤ done[w] (r started by w means a ended by w);
    /// - either split: split_max(a) · Σ r-blocks starting at w + blocks[a] − done[w] ≤ split_max(a), where
    ///   `blocks[t,a]` = Σ a-blocks is written once (`blocksdef`), not in every week's row.
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
                    var startingAt: [Int: [VariableID]] = [:]
                    for (k, c) in rc.enumerated() { startingAt[c.start, default: []].append(block[t][r][k]) }
                    let key = "\(tc.spec.id),\(req.id),\(pred)"
                    let count = single ? nil : try blockCount(t, a)
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
                        if single {
                            let s = try model.addVariable("started[\(key),\(context.label(w))]", lower: 0, upper: 1)
                            var st = [LinearTerm(s)] + (startingAt[w] ?? []).map { LinearTerm($0, -1) }
                            if let p = started { st.append(LinearTerm(p, -1)) }
                            sums.append((s, started, startingAt[w] ?? []))
                            try addRow(RowTag(.startedCount, trainee: t, requirement: r, predecessor: a, week: w), "starteddef[\(key),\(context.label(w))]", st, .equal(0))
                            started = s
                            try addRow(RowTag(.after, trainee: t, requirement: r, predecessor: a, week: w), "after[\(key),\(context.label(w))]", [LinearTerm(s), LinearTerm(done, -1)], .lessOrEqual(0))
                        } else if let starting = startingAt[w] {
                            let terms = starting.map { LinearTerm($0, Double(splitA)) } + [LinearTerm(count!), LinearTerm(done, -1)]
                            try addRow(RowTag(.after, trainee: t, requirement: r, predecessor: a, week: w), "after[\(key),\(context.label(w))]", terms, .lessOrEqual(Double(splitA)))
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

import LinearModel

/// Builds a feasible integer assignment greedily, to hand to the solver as its first incumbent.
///
/// Trainees in order; each trainee's rotations with the fewest candidates first; each rotation takes the
/// candidate that adds the least staffing cost, is clear of the trainee's other blocks and keeps every unit
/// within capacity, preferring blocks that need no extension.
enum StartHeuristic {
    static func build(_ pm: PlanningModel) -> [Double]? {
        let ctx = pm.context
        let grid = ctx.grid
        var values = [Double](repeating: 0, count: pm.model.variables.count)
        var load: [String: [Int]] = ctx.capacity.mapValues { _ in [Int](repeating: 0, count: grid.count) }
        // Home presence if nobody rotated and nobody were extended.
        var present = [Double](repeating: 0, count: grid.count)
        for tc in ctx.trainees {
            for w in grid.indices where w >= tc.timeline.startWeek && w < tc.earliestEnd && !tc.timeline.leave[w] {
                present[w] += tc.spec.employment
            }
        }
        let weights = ctx.scenario.weights
        for (t, tc) in ctx.trainees.enumerated() {
            var busy = [Bool](repeating: false, count: grid.count)
            var lastEnd = tc.earliestEnd
            let order = tc.rotations.indices.sorted { ctx.candidates[t][$0].count < ctx.candidates[t][$1].count }
            for r in order {
                var best: (cost: Double, k: Int)?
                for (k, c) in ctx.candidates[t][r].enumerated() {
                    if (c.start..<c.end).contains(where: { busy[$0] }) { continue }
                    if let caps = ctx.capacity[c.unit], (c.start..<c.end).contains(where: { w in caps[w].map { load[c.unit]![w] >= $0 } ?? false }) { continue }
                    var cost = 0.0
                    for w in c.start..<c.end {
                        let after = present[w] - tc.spec.employment
                        cost += weights.staffingShortage * (max(0, Double(ctx.staffingMin[w]) - after) - max(0, Double(ctx.staffingMin[w]) - present[w]))
                        cost += weights.staffingBelowTarget * (max(0, Double(ctx.staffingTarget[w]) - after) - max(0, Double(ctx.staffingTarget[w]) - present[w]))
                    }
                    cost += weights.extensionWeek * Double(max(0, c.end - max(lastEnd, tc.earliestEnd)))
                    for p in tc.spec.preferences where p.rotation == tc.rotations[r].id {
                        cost += weights.preference * Double(PlanningModel.missedPreferenceWeeks(p, c, grid: grid))
                    }
                    cost += 1e-3 * Double(c.length)  // shorter blocks when all else is equal
                    if best == nil || cost < best!.cost - 1e-9 { best = (cost, k) }
                }
                guard let (_, k) = best else { return nil }
                let c = ctx.candidates[t][r][k]
                values[pm.block[t][r][k].index] = 1
                for w in c.start..<c.end {
                    busy[w] = true
                    load[c.unit]![w] += 1
                    present[w] -= tc.spec.employment
                }
                lastEnd = max(lastEnd, c.end)
            }
            // Extension weeks up to the last block's end; they are home weeks unless on leave or rotating.
            for j in 0..<max(0, lastEnd - tc.earliestEnd) {
                values[pm.extended[t][j].index] = 1
                let w = tc.earliestEnd + j
                if !tc.timeline.leave[w] { present[w] += tc.spec.employment }
            }
        }
        for w in grid.indices {
            values[pm.shortage[w].index] = max(0, Double(ctx.staffingMin[w]) - present[w])
            values[pm.belowTarget[w].index] = max(0, Double(ctx.staffingTarget[w]) - present[w])
        }
        return pm.model.firstViolation(values, tolerance: 1e-7) == nil ? values : nil
    }
}

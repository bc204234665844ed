import ScenarioFormat

extension PlanningContext {
    /// A lower bound on the objective from staffing arithmetic alone, computed in milliseconds.
    ///
    /// Every trainee must spend at least A_t employment-weighted weeks away from home (rotations at their shortest,
    /// the shortest course session, research and quality; vacation is left out since it may lie inside a
    /// rotation). Whatever the plan, the week-by-week home presence is the base presence B_w less the absence
    /// a_w, with 0 ≤ a_w ≤ B_w and Σ a_w ≥ Σ A_t. The cheapest such a_w (filling the weeks whose staffing costs
    /// least first) costs no more than any plan. Extension could add presence, but a week of it costs more than
    /// it can save when `extension_week` ≥ 2 × (`staffing_shortage` + `staffing_below_target`); otherwise `nil`.
    public func aggregateBound() -> Double? {
        let w = scenario.weights
        guard w.extensionWeek >= 2 * (w.staffingShortage + w.staffingBelowTarget) else { return nil }
        // Each home clinic on its own: a trainee's absence only lowers its own clinic's presence.
        var base = homes.map { _ in [Double](repeating: 0, count: grid.count) }
        var absence = homes.map { _ in 0.0 }
        for (t, tc) in trainees.enumerated() {
            let e = tc.spec.employment
            let h = tc.home
            for v in max(0, tc.timeline.startWeek)..<max(0, min(grid.count, tc.earliestEnd)) where !tc.timeline.leave[v] { base[h][v] += e }
            absence[h] += leastAbsence(t)
        }
        var cost = 0.0
        for (h, home) in homes.enumerated() {
            var fixed = 0.0
            var segments: [(cost: Double, size: Double)] = []
            for v in grid.indices {
                let b = base[h][v], lo = Double(home.min[v]), hi = Double(home.target[v])
                fixed += w.staffingShortage * max(0, lo - b) + w.staffingBelowTarget * max(0, hi - b)
                let free = max(0, b - max(hi, lo))
                let belowTarget = max(0, min(b, hi) - lo)
                let belowMin = min(b, lo)
                segments.append((0, free))
                segments.append((w.staffingBelowTarget, max(0, min(b - free, belowTarget))))
                segments.append((w.staffingBelowTarget + w.staffingShortage, max(0, belowMin)))
            }
            segments.sort { $0.cost < $1.cost }
            var left = absence[h]
            cost += fixed
            for s in segments where left > 0 {
                let take = min(left, s.size)
                cost += take * s.cost
                left -= take
            }
        }
        return cost
    }

    /// The fewest employment-weighted weeks trainee t spends away from home in any plan: its rotations at their
    /// shortest, the shortest course session, research and quality (vacation may lie inside a rotation).
    func leastAbsence(_ t: Int) -> Double {
        let tc = trainees[t]
        var weeks = 0.0
        for (r, req) in tc.requirements.enumerated() {
            let least = candidates[t][r].map { c in (c.start..<c.end).reduce(0.0) { $0 + c.share(at: $1) } }.min() ?? 0
            switch req.kind {
            case .rotation: weeks += Double(req.totalWeeks ?? Int(least))
            case .course, .research, .quality: weeks += least
            case .vacation: break
            }
        }
        return tc.spec.employment * weeks
    }
}

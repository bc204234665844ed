import ScenarioFormat
import STCore

/// A whole solution in the planner's terms: for every trainee and requirement the chosen candidates, and the
/// extension. The model, the construction heuristic, the improvement loop and the decoder all speak it.
public struct Assignment: Sendable, Equatable {
    /// `chosen[t][r]`: indices into `context.candidates[t][r]`.
    public var chosen: [[[Int]]]
    /// Weeks each ST runs past its earliest end.
    public var extensionWeeks: [Int]

    /// Nothing planned: every trainee at home.
    public init(empty context: PlanningContext) {
        chosen = context.trainees.map { tc in tc.requirements.map { _ in [] } }
        extensionWeeks = context.trainees.map { _ in 0 }
    }
}

/// What one trainee's part of an assignment uses of the shared resources.
struct Usage {
    /// Trainee presence at the home clinic per week (employment-weighted).
    var presence: [Double]
    /// Rotation load per unit and week.
    var load: [String: [Int: Int]]
    /// Seats per course session (key: course id, session index).
    var seats: [String: [Int: Int]]
}

extension PlanningContext {
    /// The trainee's home presence, unit load and seats under `chosen` and `ext`. A trainee with nothing chosen is
    /// at home through the earliest end.
    func usage(_ t: Int, _ chosen: [[Int]], ext: Int) -> Usage {
        let tc = trainees[t]
        var absence = [Double](repeating: 0, count: grid.count)
        var full = [Bool](repeating: false, count: grid.count)
        var load: [String: [Int: Int]] = [:]
        var seats: [String: [Int: Int]] = [:]
        for (r, ks) in chosen.enumerated() {
            for k in ks {
                let c = candidates[t][r][k]
                for w in c.start..<c.end {
                    if c.placement == .atHome { absence[w] += c.shares[w - c.start] } else { full[w] = true }
                }
                if let u = c.unit { for w in c.start..<c.end { load[u, default: [:]][w, default: 0] += 1 } }
                if let s = c.session { seats[tc.requirements[r].id, default: [:]][s, default: 0] += 1 }
            }
        }
        let e = tc.spec.employment
        var presence = [Double](repeating: 0, count: grid.count)
        let end = min(grid.count, tc.earliestEnd + ext)
        for w in max(0, tc.timeline.startWeek)..<max(max(0, tc.timeline.startWeek), end) where !tc.timeline.leave[w] {
            presence[w] = full[w] ? 0 : e * max(0, 1 - absence[w])
        }
        return Usage(presence: presence, load: load, seats: seats)
    }

    /// The objective of `a` under the scenario's weights, term by term (extension, staffing, preference).
    public func terms(_ a: Assignment) -> [String: Double] {
        let weights = scenario.weights
        var present = homes.map { _ in [Double](repeating: 0, count: grid.count) }
        var pref = 0.0, lengths: [String: Double] = [:]
        for t in trainees.indices {
            let u = usage(t, a.chosen[t], ext: a.extensionWeeks[t])
            let h = trainees[t].home
            for w in grid.indices { present[h][w] += u.presence[w] }
            pref += preferenceCost(t, a.chosen[t])
            lengths.merge(shortCosts(t, a.chosen[t]), uniquingKeysWith: +)
        }
        var short = 0.0, below = 0.0
        for (h, home) in homes.enumerated() {
            for w in grid.indices {
                short += max(0, Double(home.min[w]) - present[h][w])
                below += max(0, Double(home.target[w]) - present[h][w])
            }
        }
        return ["extension": weights.extensionWeek * Double(a.extensionWeeks.reduce(0, +)),
                "staffing_shortage": weights.staffingShortage * short,
                "staffing_below_target": weights.staffingBelowTarget * below,
                "preference": pref,
                "research_short": lengths["research_short"] ?? 0,
                "rotation_short": lengths["rotation_short"] ?? 0]
    }

    /// The objective value of `a`.
    public func objective(_ a: Assignment) -> Double {
        let t = terms(a)
        return PlanningModel.termNames.reduce(0) { $0 + (t[$1] ?? 0) }
    }

    /// A replan's change cost of one trainee's choices against the old plan (0 outside a replan): the chosen
    /// candidates' costs plus the weeks the extension differs by. ``changes(_:)`` adds ``changeConstant``.
    func changeCost(_ t: Int, _ chosen: [[Int]], ext: Int) -> Double {
        var cost = 0.0
        for (r, ks) in chosen.enumerated() { for k in ks { cost += candidates[t][r][k].changeCost } }
        if let ref = trainees[t].referenceExtension { cost += Double(abs(min(ext, trainees[t].maxExtension) - min(ref, trainees[t].maxExtension))) }
        return cost
    }

    /// One trainee's change cost in `a` against its old plan: never negative (a kept block cancels its weight; any
    /// other candidate's refund is at most the old weeks it covers, each old week covered once).
    func traineeChanges(_ t: Int, _ a: Assignment) -> Double {
        trainees[t].changeConstant + changeCost(t, a.chosen[t], ext: a.extensionWeeks[t])
    }

    /// A replan's change cost of `a` against the old plan.
    public func changes(_ a: Assignment) -> Double {
        trainees.indices.reduce(changeConstant) { $0 + changeCost($1, a.chosen[$1], ext: a.extensionWeeks[$1]) }
    }

    /// The value `goal` gives `a`: plan objective and change cost weighted, or +∞ when a limit is broken.
    public func value(_ a: Assignment, goal: Goal) -> Double {
        let t = terms(a)
        let total = PlanningModel.termNames.reduce(0) { $0 + (t[$1] ?? 0) }
        let hard = Goal.hard(t)
        if let h = goal.hardLimit, hard > h + 1e-6 { return .infinity }
        if let z = goal.totalLimit, total > z + 1e-6 { return .infinity }
        return goal.planWeight * total + (goal.changeWeight == 0 ? 0 : goal.changeWeight * changes(a))
    }

    /// The cost of candidate `c` of trainee `t`'s requirement `r` for falling short of a preferred length, with
    /// its objective term: `research_short_week` a week the research is shorter than its preferred length,
    /// `rotation_short_week` a week a rotation in one block is (``Requirement/hasPreferredLength``); `nil` for none.
    /// The model, the greedy construction and ``terms(_:)`` all price it here.
    func shortCost(_ t: Int, _ r: Int, _ c: Candidate) -> (term: String, cost: Double)? {
        let req = trainees[t].requirements[r]
        switch req.kind {
        case .research:
            guard let spec = trainees[t].program.research, c.amount < spec.preferredWeeks else { return nil }
            return ("research_short", scenario.weights.researchShortWeek * Double(spec.preferredWeeks - c.amount))
        case .rotation:
            guard req.hasPreferredLength, let rot = req.rotation, c.amount < rot.preferredWeeks else { return nil }
            return ("rotation_short", scenario.weights.rotationShortWeek * Double(rot.preferredWeeks - c.amount))
        default: return nil
        }
    }

    /// The short-length costs of one trainee's choices, by objective term (see ``shortCost(_:_:_:)``).
    func shortCosts(_ t: Int, _ chosen: [[Int]]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (r, ks) in chosen.enumerated() {
            for k in ks { if let s = shortCost(t, r, candidates[t][r][k]) { out[s.term, default: 0] += s.cost } }
        }
        return out
    }

    /// The preference cost of one trainee's choices.
    func preferenceCost(_ t: Int, _ chosen: [[Int]]) -> Double {
        let tc = trainees[t]
        var cost = 0.0
        for pref in tc.spec.preferences {
            guard let r = tc.requirements.firstIndex(where: { $0.kind == .rotation && $0.id == pref.rotation }) else { continue }
            for k in chosen[r] {
                cost += scenario.weights.preference * Double(PlanningModel.missedPreferenceWeeks(pref, candidates[t][r][k], grid: grid))
            }
        }
        return cost
    }
}

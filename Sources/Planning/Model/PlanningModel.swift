import LinearModel
import ScenarioFormat
import STCore

/// A problem in building the planning model (a bug or an input the validator let through).
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a model minimises: the plan's own objective (weighted), a replan's change cost (weighted), and limits on
/// the plan's terms (a replan's second, stability stage: fewest changes among plans about as good as the best).
public struct Goal: Sendable, Equatable {
    /// Weight of the plan's objective (extension, staffing, preferences).
    public var planWeight: Double = 1
    /// Weight of the change cost against the old plan (changed trainee-weeks plus moved blocks, see ``Replanner``).
    public var changeWeight: Double = 0
    /// Upper limit on the hard-priority terms (extension + staffing shortage below min).
    public var hardLimit: Double? = nil
    /// Upper limit on the whole plan objective.
    public var totalLimit: Double? = nil
    public init(planWeight: Double = 1, changeWeight: Double = 0, hardLimit: Double? = nil, totalLimit: Double? = nil) {
        self.planWeight = planWeight
        self.changeWeight = changeWeight
        self.hardLimit = hardLimit
        self.totalLimit = totalLimit
    }
    /// The plan's own objective.
    public static let plan = Goal()
    /// The terms the hard limit covers.
    public static let hardTerms = ["extension", "staffing_shortage"]
    /// The sum of the hard-priority terms in `terms` (term name → cost).
    public static func hard(_ terms: [String: Double]) -> Double { hardTerms.reduce(0) { $0 + (terms[$1] ?? 0) } }
}

/// How the rows that sum over a week (one activity a week, vacation, buffer, home presence, unit capacity) take
/// the blocks that cover it.
public enum WeekSums: Sendable, Equatable {
    /// Split rotations and blocks of at least 13 weeks through a running occupancy (``PlanningModel/addOccupancyRows()``),
    /// shorter blocks directly: the model grows with the weeks, not with the blocks times their lengths.
    case occupancy
    /// Only split rotations through an occupancy (their blocks times lengths explode), every other block directly:
    /// for the sub-problems GLPK must close in seconds, where it branches better on the blocks themselves.
    case splitRotations
    /// Every block in every week it covers: many more non-zeros, but no chains of equalities for the simplex
    /// (the elastic explanation, whose LP must finish).
    case direct
}

/// The MILP for a scenario, or for a sub-problem in which only some trainees are free and the others are fixed
/// to a given assignment: the linear model plus the maps from its variables back to the plan's terms.
///
/// Each constraint family lives in its own file under `Model/Families/`.
public struct PlanningModel: Sendable {
    public let context: PlanningContext
    /// What the model minimises.
    public let goal: Goal
    /// How week sums take their blocks.
    public let weekSums: WeekSums
    /// The trainees with variables (all of them in the full model).
    public let free: [Int]
    /// What the fixed trainees use: unit load, seats and home presence.
    let fixedLoad: [String: [Int]]
    let fixedSeats: [String: [Int: Int]]
    /// `fixedPresence[h][w]`: the fixed trainees' presence at home clinic h.
    let fixedPresence: [[Double]]
    public internal(set) var model: LinearModel
    /// `rowTags[i]` is the family and subjects of `model.rows[i]`, recorded when the row was added.
    public internal(set) var rowTags: [RowTag] = []
    /// `block[t][r][k]` chooses candidate `context.candidates[t][r][k]` (empty for fixed trainees).
    public internal(set) var block: [[[VariableID]]] = []
    /// `extended[t][j]` = 1 when trainee t is still in ST in week `earliestEnd + j`.
    public internal(set) var extended: [[VariableID]] = []
    /// `vacationInRotation[t][w]`: a vacation week inside a rotation block (home presence is not taken twice).
    public internal(set) var vacationInRotation: [[Int: VariableID]] = []
    /// Home presence, shortage below the minimum and below the target, per home clinic and week
    /// (`presence[h][w]`, h indexing ``PlanningContext/homes``).
    public internal(set) var presence: [[VariableID]] = []
    public internal(set) var shortage: [[VariableID]] = []
    public internal(set) var belowTarget: [[VariableID]] = []
    /// `covering[t][w]`: what trainee t may do in week w: short candidates themselves and the occupancy of each
    /// group of long blocks (``addOccupancyRows()``).
    var covering: [[[Cover]]] = []
    /// The occupancy groups of long blocks, in the order they were added.
    var streams: [OccupancyStream] = []
    /// `streamOf[t][r][k]`: the index in ``streams`` of candidate k's group, or −1 for a short candidate.
    var streamOf: [[[Int]]] = []
    /// Running sums defined by equality rows (the `after` rule's `done` and `started`): each is its predecessor
    /// plus the listed variables, in order, so that a start solution can fill them in.
    var sums: [(v: VariableID, previous: VariableID?, add: [VariableID])] = []
    /// `blocks[t,a]` variables of the `after` rule, by [trainee, requirement].
    var blockCounts: [[Int]: VariableID] = [:]
    /// Objective coefficients by term name, for reporting each term's value.
    public internal(set) var terms: [String: [(VariableID, Double)]] = [:]
    /// Constant part of each term (from fixed trainees).
    public internal(set) var termConstants: [String: Double] = [:]

    /// The objective's terms, in reporting order.
    public static let termNames = ["extension", "staffing_shortage", "staffing_below_target", "preference", "research_short", "rotation_short"]

    /// Builds every family for the trainees in `free` (default: all); the others are fixed to `fixed`.
    public init(context: PlanningContext, free: [Int]? = nil, fixed: Assignment? = nil, goal: Goal = .plan,
                weekSums: WeekSums = .occupancy) throws(PlanningError) {
        self.context = context
        self.goal = goal
        self.weekSums = weekSums
        let free = free ?? Array(context.trainees.indices)
        self.free = free
        let freeSet = Set(free)
        var load = context.capacity.mapValues { _ in [Int](repeating: 0, count: context.grid.count) }
        var seats: [String: [Int: Int]] = [:]
        var present = context.homes.map { _ in [Double](repeating: 0, count: context.grid.count) }
        var constants: [String: Double] = [:]
        var changeConstant = context.changeConstant
        let fixedAssignment = fixed ?? Assignment(empty: context)
        for t in context.trainees.indices where !freeSet.contains(t) {
            let u = context.usage(t, fixedAssignment.chosen[t], ext: fixedAssignment.extensionWeeks[t])
            let h = context.trainees[t].home
            for w in context.grid.indices { present[h][w] += u.presence[w] }
            for (unit, weeks) in u.load { for (w, n) in weeks { load[unit]?[w] += n } }
            for (c, s) in u.seats { for (k, n) in s { seats[c, default: [:]][k, default: 0] += n } }
            constants["extension", default: 0] += context.scenario.weights.extensionWeek * Double(fixedAssignment.extensionWeeks[t])
            constants["preference", default: 0] += context.preferenceCost(t, fixedAssignment.chosen[t])
            constants.merge(context.shortCosts(t, fixedAssignment.chosen[t]), uniquingKeysWith: +)
            changeConstant += context.changeCost(t, fixedAssignment.chosen[t], ext: fixedAssignment.extensionWeeks[t])
        }
        fixedLoad = load
        fixedSeats = seats
        fixedPresence = present
        termConstants = constants
        model = LinearModel(name: "stplan")
        // Of the order of one column and one row per candidate block; a close guess saves the name index's rehashing.
        let blocks = free.reduce(0) { $0 + context.candidates[$1].reduce(0) { $0 + $1.count } }
        // Per trainee and week, of the order of two more of each (occupancies, vacation inside a rotation, counts).
        let weekly = free.count * context.grid.count * 2
        model.reserveCapacity(variables: blocks + blocks / 4 + weekly, rows: blocks + weekly)
        do {
            try addBlockVariables()
            try addOccupancyRows()
            try addExtensionVariables()
            try addAssignmentRows()
            try addOverlapRows()
            try addHomeWorkRows()
            try addCapacityRows()
            try addCourseRows()
            try addOrderRows()
            try addExtensionRows()
            try addBufferRows()
            try addVacationInRotationRows()
            try addVacationBlockCapRows()
            try addStaffingRows()
            try addPreferenceCosts()
            try addLengthCosts()
            try addStabilityRows()
            let planConstant = Self.termNames.reduce(0) { $0 + (constants[$1] ?? 0) }
            model.objectiveConstant = goal.planWeight * planConstant + goal.changeWeight * (changeConstant + (termConstants["change"] ?? 0))
        } catch let e as PlanningError {
            throw e
        } catch {
            throw PlanningError("internal error while building the model: \(error)")
        }
    }

    mutating func cost(_ term: String, _ v: VariableID, _ c: Double) throws {
        guard c != 0 else { return }
        if goal.planWeight != 0 { try model.addObjective(v, c * goal.planWeight) }
        terms[term, default: []].append((v, c))
    }

    /// The value of each objective term under `values`.
    public func termValues(_ values: [Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for name in Self.termNames {
            out[name] = (terms[name] ?? []).reduce(termConstants[name] ?? 0) { $0 + $1.1 * values[$1.0.index] }
        }
        return out
    }

    /// The free trainees' part of `a` as a value vector for this model (for a start solution), with every
    /// continuous variable at its best value; `nil` when it breaks a row.
    public func values(for a: Assignment) -> [Double]? {
        let values = candidateValues(for: a)
        return model.firstViolation(values, tolerance: 1e-6) == nil ? values : nil
    }

    /// Why `a` is not a solution of this model (the first bound or row it breaks), or `nil` when it is one.
    public func violation(of a: Assignment) -> String? {
        model.firstViolation(candidateValues(for: a), tolerance: 1e-6)
    }

    /// The model's values for `a`, whether or not they satisfy its rows.
    func candidateValues(for a: Assignment) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        for t in free {
            for (r, ks) in a.chosen[t].enumerated() { for k in ks { values[block[t][r][k].index] = 1 } }
            for j in 0..<min(a.extensionWeeks[t], extended[t].count) { values[extended[t][j].index] = 1 }
        }
        for t in free {
            for (r, ks) in a.chosen[t].enumerated() {
                for k in ks {
                    let i = streamOf[t][r][k]
                    guard i >= 0 else { continue }
                    let c = context.candidates[t][r][k]
                    for w in c.start..<c.end { values[streams[i].occ[w - streams[i].first].index] += 1 }
                }
            }
        }
        for t in free {
            for (w, v) in vacationInRotation[t] {
                let rot = covering[t][w].contains { $0.holdsVacation && values[$0.v.index] > 0.5 }
                let vac = covering[t][w].contains { $0.placement == .vacation && values[$0.v.index] > 0.5 }
                values[v.index] = rot && vac ? 1 : 0
            }
        }
        for s in sums { values[s.v.index] = (s.previous.map { values[$0.index] } ?? 0) + s.add.reduce(0) { $0 + values[$1.index] } }
        var present = fixedPresence
        for t in free {
            let u = context.usage(t, a.chosen[t], ext: a.extensionWeeks[t])
            let h = context.trainees[t].home
            for w in context.grid.indices { present[h][w] += u.presence[w] }
        }
        for (h, home) in context.homes.enumerated() {
            for w in context.grid.indices {
                values[presence[h][w].index] = present[h][w]
                values[shortage[h][w].index] = max(0, Double(home.min[w]) - present[h][w])
                values[belowTarget[h][w].index] = max(0, Double(home.target[w]) - present[h][w])
            }
        }
        return values
    }

    /// Reads the free trainees' choices out of `values` into `base` (the fixed trainees keep theirs).
    public func assignment(from values: [Double], base: Assignment) -> Assignment {
        var a = base
        for t in free {
            a.chosen[t] = block[t].map { vars in vars.indices.filter { values[vars[$0].index] > 0.5 } }
            a.extensionWeeks[t] = extended[t].reduce(0) { $0 + (values[$1.index] > 0.5 ? 1 : 0) }
        }
        return a
    }
}

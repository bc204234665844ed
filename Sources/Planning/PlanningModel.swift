import LinearModel
import ScenarioFormat
import STCore

/// A problem in building the planning model (a bug or an input the validator let through).
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The MILP for a scenario: the linear model plus the maps from its variables back to the plan's terms.
///
/// Each constraint family lives in its own file under `Families/` and adds its rows through ``add(_:_:_:)``.
public struct PlanningModel: Sendable {
    public let context: PlanningContext
    public internal(set) var model: LinearModel
    /// `block[t][r][k]` is the binary choosing candidate `context.candidates[t][r][k]`.
    public internal(set) var block: [[[VariableID]]] = []
    /// `extended[t][j]` = 1 when trainee t is still in ST in week `earliestEnd + j`.
    public internal(set) var extended: [[VariableID]] = []
    /// Home staffing below the minimum, per week (continuous, ≥ 0).
    public internal(set) var shortage: [VariableID] = []
    /// Home staffing below the target, per week (continuous, ≥ 0).
    public internal(set) var belowTarget: [VariableID] = []
    /// `covering[t][w]`: trainee t's candidate blocks that cover week w, as (rotation index, variable).
    public internal(set) var covering: [[[(Int, VariableID)]]] = []
    /// Objective coefficients by term name, for reporting each term's value.
    public internal(set) var terms: [String: [(VariableID, Double)]] = [:]

    /// The objective's terms, in reporting order.
    public static let termNames = ["extension", "staffing_shortage", "staffing_below_target", "preference"]

    /// Builds every family.
    public init(context: PlanningContext) throws(PlanningError) {
        self.context = context
        self.model = LinearModel(name: "stplan")
        do {
            try addBlockVariables()
            indexCovering()
            try addExtensionVariables()
            try addAssignmentRows()
            try addOverlapRows()
            try addCapacityRows()
            try addExtensionRows()
            try addStaffingRows()
            try addPreferenceCosts()
        } catch let e as PlanningError {
            throw e
        } catch {
            throw PlanningError("internal error while building the model: \(error)")
        }
    }

    mutating func cost(_ term: String, _ v: VariableID, _ c: Double) throws {
        guard c != 0 else { return }
        try model.addObjective(v, c)
        terms[term, default: []].append((v, c))
    }

    /// The value of each objective term under `values`.
    public func termValues(_ values: [Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for name in Self.termNames {
            out[name] = (terms[name] ?? []).reduce(0) { $0 + $1.1 * values[$1.0.index] }
        }
        return out
    }

    /// Indexes each trainee's block variables by the weeks they cover (for rows that sum over a week).
    mutating func indexCovering() {
        covering = context.candidates.indices.map { t in
            var out = [[(Int, VariableID)]](repeating: [], count: context.grid.count)
            for (r, cands) in context.candidates[t].enumerated() {
                for (k, c) in cands.enumerated() {
                    for w in c.start..<c.end { out[w].append((r, block[t][r][k])) }
                }
            }
            return out
        }
    }
}

import Foundation
import GLPKBackend
import LinearModel
@testable import Planning
import ScenarioFormat
import STCore
import Testing

/// A regression guard for the formulation that is not a timing: GLPK's simplex iterations and branch-and-bound
/// nodes are the same on every machine for the same model and GLPK version, so a change that makes the model
/// larger, its LP relaxation weaker or its MIP harder fails here on any machine. The recorded figures are those
/// of GLPK 5.0 (Debian's libglpk-dev); the limits allow 25 % more work, the bound none less.
@Suite("Solver work (deterministic regression guard)")
struct SolverWorkTests {
    struct Recorded: Sendable, CustomStringConvertible {
        var fixture: String
        var rows: Int, columns: Int, nonZeros: Int
        /// The full model's LP relaxation: its simplex iterations and its value (the root bound).
        var lpIterations: Int, lpBound: Double
        /// The MIP solved to optimality without a time limit (nil: too large to solve whole in a test).
        var mipIterations: Int?, mipNodes: Int?
        var description: String { fixture }
    }

    // cohort-2 recorded again with the occupancy rows (issue 14): its 13-week blocks are summed through an occupancy
    // per week, so more rows and columns and fewer non-zeros (173 283 → 113 401); the same LP bound in 4 290
    // iterations instead of 3 129. tiny and courses have no block of 13 weeks or more and keep their figures.
    // Recorded again with vacation inside rotations capped and the `after` rule through the occupancy (issue 14,
    // item 3): cohort-2 10 547 → 10 509 rows, 11 829 → 11 729 columns, 113 401 → 113 835 non-zeros, the same LP
    // bound (its staffing is met, so the cap has nothing to cut there) in 4 720 iterations; courses 1 920 → 1 922 rows.
    // Recorded again with research of several lengths (issue 15, item 1): cohort-2's research {min 6, max 10} has
    // candidates of 6, 8 and 10 weeks, so 11 729 → 12 313 columns and 113 835 → 132 506 non-zeros, the same rows and
    // LP bound, in 3 744 iterations.
    static let recorded: [Recorded] = [
        Recorded(fixture: "tiny.yaml", rows: 812, columns: 800, nonZeros: 1464, lpIterations: 3, lpBound: 0, mipIterations: 6, mipNodes: 1),
        Recorded(fixture: "courses.yaml", rows: 1922, columns: 1990, nonZeros: 14310, lpIterations: 111, lpBound: 1050, mipIterations: 235, mipNodes: 11),
        // `stplan-bench generate --trainees 2 --seed 1`: the MIP is too hard to solve whole here; its LP is the guard.
        Recorded(fixture: "cohort-2.yaml", rows: 10509, columns: 12313, nonZeros: 132506, lpIterations: 3744, lpBound: 7455, mipIterations: nil, mipNodes: nil),
    ]

    @Test("model size, LP work and bound, MIP work stay within the recorded figures", arguments: recorded)
    func work(_ r: Recorded) throws {
        guard GLPKSolver.version.hasPrefix("5.") else { return }  // recorded with GLPK 5.0
        let (s, _) = try ScenarioLoader.load(path: fixture(r.fixture))
        let model = try PlanningModel(context: PlanningContext(scenario: s)).model
        var lp = SolverOptions()
        lp.relaxIntegrality = true
        let relaxed = try GLPKSolver().solve(model, options: lp)
        var line = "\(r.fixture): rows \(model.rows.count), columns \(model.variables.count), non-zeros \(model.nonZeroCount), "
        line += "LP \(relaxed.status.rawValue) \(relaxed.objective.map(JSONValue.format) ?? "-") in \(relaxed.simplexIterations) iterations"
        var mip: SolveResult?
        if r.mipIterations != nil {
            mip = try GLPKSolver().solve(model, options: SolverOptions(relativeGap: 0))
            line += ", MIP \(mip!.status.rawValue) \(mip!.objective.map(JSONValue.format) ?? "-") in \(mip!.simplexIterations) iterations, \(mip!.nodes) nodes"
        }
        print(line)
        #expect(model.rows.count <= r.rows * 11 / 10, "\(line)")
        #expect(model.variables.count <= r.columns * 11 / 10, "\(line)")
        #expect(model.nonZeroCount <= r.nonZeros * 11 / 10, "\(line)")
        #expect(relaxed.status == .optimal)
        #expect(relaxed.simplexIterations <= max(r.lpIterations * 5 / 4, r.lpIterations + 2), "\(line)")
        #expect((relaxed.objective ?? -.infinity) >= r.lpBound - 1e-6, "the LP relaxation got weaker: \(line)")
        if let mip, let iterations = r.mipIterations, let nodes = r.mipNodes {
            #expect(mip.status == .optimal, "\(line)")
            #expect(mip.simplexIterations <= max(iterations * 5 / 4, iterations + 2), "\(line)")
            #expect(mip.nodes <= max(nodes * 5 / 4, nodes + 2), "\(line)")
        }
    }

    /// The improvement loop's sub-problem: one trainee of cohort-6 (d) free, the others fixed to the greedy
    /// construction (deterministic), solved to proven optimality from the construction as start. Its optimum checks
    /// the formulation's meaning, its iterations and nodes the formulation's strength. With the occupancy rows
    /// (issue 14) the same optimum takes 2 664 iterations and 65 nodes instead of 1 655 and 21: GLPK no longer sees
    /// the long blocks themselves in the week rows. Recorded as it is, so that it gets no worse. With vacation inside
    /// rotations capped and the `after` rule through the occupancy: 6 196 rows and 6 079 columns instead of 6 307
    /// and 6 486, 1 278 iterations and 25 nodes. With research of 6, 8 and 10 weeks and its cost per week short of
    /// 10 (issue 15, item 1) the construction costs 22 696 and the optimum is 22 168: 6 198 rows, 6 391 columns,
    /// 1 783 iterations and 79 nodes (the longer research is weighed against the staffing target week by week).
    /// With research placed at its shortest in the greedy order and lengthened once the rest stands (the example's
    /// jonas found no place for akut behind a 10-week research block) the construction costs 23 295 and the
    /// sub-problem's optimum is 22 856: 6 199 rows, 6 391 columns, 886 iterations and 5 nodes.
    @Test("a sub-problem of cohort-6: optimum, iterations and nodes as recorded")
    func subproblemWork() throws {
        guard GLPKSolver.version.hasPrefix("5.") else { return }
        let (s, _) = try ScenarioLoader.load(path: fixture("cohort-6.yaml"))
        let context = PlanningContext(scenario: s)
        let a = try #require(Planner.greedy(context))
        #expect(abs(context.objective(a) - 23295) < 1e-6, "the construction changed; record this test's figures again")
        let sub = try PlanningModel(context: context, free: [3], fixed: a, weekSums: .splitRotations)
        var options = SolverOptions(relativeGap: 0)
        options.startSolution = sub.values(for: a)
        let r = try GLPKSolver().solve(sub.model, options: options)
        let line = "rows \(sub.model.rows.count), columns \(sub.model.variables.count), \(r.status.rawValue) \(r.objective.map(JSONValue.format) ?? "-") in \(r.simplexIterations) iterations, \(r.nodes) nodes"
        #expect(r.status == .optimal, "\(line)")
        #expect(abs((r.objective ?? .nan) - 22856) < 1e-6, "the sub-problem's optimum changed: \(line)")
        print(line)
        #expect(sub.model.rows.count <= 6199 * 11 / 10 && sub.model.variables.count <= 6391 * 11 / 10, "\(line)")
        #expect(r.simplexIterations <= 886 * 5 / 4, "\(line)")
        #expect(r.nodes <= 5 * 5 / 4 + 2, "\(line)")
    }
}

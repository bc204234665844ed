import Foundation
import GLPKBackend
import LinearModel
@testable import Planning
import ScenarioFormat
import STCore
import Testing

@Test func debugShortage() throws {
    let (s, _) = try ScenarioLoader.load(path: "Scenarios/example.yaml")
    let pm = try PlanningModel(context: PlanningContext(scenario: s))
    let r = try GLPKSolver().solve(pm.model, options: SolverOptions(timeLimit: 30))
    let plan = Decoder.plan(pm, values: r.values, solve: .init(status: "x", objective: nil, bound: nil, gap: nil, seconds: 0))
    for w in 0..<s.grid.count {
        let m = r.values[pm.shortage[w].index]
        let d = plan.staffing[0].shortage[w]
        if abs(m - d) > 1e-6 { print("DBG week \(w) model \(m) decoded \(d) present \(plan.staffing[0].present[w]) min \(plan.staffing[0].min[w])") }
    }
}

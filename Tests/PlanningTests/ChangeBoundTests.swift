import Foundation
import GLPKBackend
import LinearModel
@testable import Planning
import ScenarioFormat
import STCore
import Testing

/// The replan's lower bound on the change cost, which lets the stability stage stop before the time limit.
@Suite("Replan change bound")
struct ChangeBoundTests {
    @Test("per-trainee changes are never negative and sum to the total; the bound never exceeds GLPK's proven optimum")
    func boundIsALowerBound() throws {
        let path = fixture("courses.yaml")
        let (s, _) = try ScenarioLoader.load(path: path)
        let old = try #require(try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 10)).plan)
        // The trainee whose IVA block starts last goes on parental leave over it, announced in week 1.
        let blocks = old.trainees.indices.compactMap { t in old.trainees[t].blocks.first { $0.activity == .rotation && $0.rotation == "iva" }.map { (t, $0) } }
        let (t, iva) = try #require(blocks.max { $0.1.from < $1.1.from })
        let id = old.trainees[t].id
        #expect(iva.from > CivilDate(iso: "2027-01-18")!)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "  - { id: \(id), program: p, start: 2027-01-04 }",
                                         with: "  - { id: \(id), program: p, start: 2027-01-04, leave: [ { from: \(iva.from), to: \(iva.to), kind: parental } ] }")
        let (edited, _) = try ScenarioLoader.parse(data: Data(text.utf8), file: "edited.yaml")
        let pinned = try Replanner.pinned(PlanningContext(scenario: edited), old: old, today: 1, level: 1)
        let context = pinned.context
        let replanner = Replanner(solver: GLPKSolver())
        var log = ""
        let budget = TimeBudget(seconds: 30)
        let repaired = try replanner.repair(context, pinned.start, broken: pinned.broken, budget: budget, log: &log)
        #expect(repaired.alone.contains(t), "\(id)'s old plan breaks the leave on its own: \(log)")
        let bound = try replanner.changeBound(context, alone: repaired.alone, budget: budget, log: &log)
        #expect(bound > 0, "\(id) must move its IVA block: \(log)")
        // The fewest changes over every trainee free, proven by GLPK.
        let full = try PlanningModel(context: context, free: Array(context.trainees.indices), fixed: pinned.start,
                                     goal: Goal(planWeight: 0, changeWeight: 1))
        let r = try GLPKSolver().solve(full.model, options: SolverOptions(timeLimit: 60, relativeGap: 0))
        #expect(r.status == .optimal)
        let best = full.assignment(from: r.values, base: pinned.start)
        #expect(bound <= context.changes(best) + 1e-6, "bound \(bound) above the optimum \(context.changes(best))")
        for a in [pinned.start, try #require(repaired.plan), best] {
            let parts = context.trainees.indices.map { context.traineeChanges($0, a) }
            #expect(parts.allSatisfy { $0 >= 0 }, "\(parts)")
            #expect(abs(parts.reduce(0, +) - context.changes(a)) < 1e-9)
        }
    }
}

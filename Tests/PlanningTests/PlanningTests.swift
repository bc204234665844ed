import Foundation
import GLPKBackend
import LinearModel
import PlanCheck
@testable import Planning
import ScenarioFormat
import STCore
import Testing

func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

@Suite("Planning model")
struct PlanningTests {
    @Test("the tiny scenario plans optimally and the independent checker passes it")
    func tiny() throws {
        let (s, _) = try ScenarioLoader.load(path: fixture("tiny.yaml"))
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 20))
        let plan = try #require(outcome.plan)
        #expect(outcome.result.status == .optimal)
        let report = PlanChecker.check(plan, against: s)
        #expect(report.passed, "\(report.violations)")
        // b is on sick leave in weeks 4–5, the unit is closed in weeks 0–3 and holds one: a and b take turns.
        let a = plan.trainees[0].weeks.indices.filter { plan.trainees[0].weeks[$0].activity == .rotation }
        let b = plan.trainees[1].weeks.indices.filter { plan.trainees[1].weeks[$0].activity == .rotation }
        #expect(a.count == 4 && b.count == 4)
        #expect(Set(a).isDisjoint(with: b))
        #expect(a.allSatisfy { $0 >= 4 } && b.allSatisfy { $0 >= 6 })
        #expect(plan.trainees[1].weeks[4].activity == .leave && plan.trainees[1].weeks[4].counts == 0)
        // b's two leave weeks push the completion two weeks past a's.
        #expect(plan.trainees[0].completion == CivilDate(iso: "2031-12-29"))
        #expect(plan.trainees[1].completion == CivilDate(iso: "2032-01-12"))
    }

    @Test("candidate blocks avoid closed weeks, leave and before_month")
    func candidatesPruned() throws {
        let (s, _) = try ScenarioLoader.load(path: fixture("tiny.yaml"))
        let ctx = PlanningContext(scenario: s)
        let starts = ctx.candidates[1][0].map(\.start)
        #expect(!starts.contains { $0 < 6 })                // closed 0–3, leave 4–5
        #expect(starts.allSatisfy { $0 + 4 <= 15 })         // 3 months = 13 counted weeks; b's 2 leave weeks do not count
        #expect(starts.contains(11))                         // the latest block ends exactly at 13 counted weeks
        #expect(ctx.candidates[0][0].map(\.start) == Array(4...9))
    }

    @Test("the greedy start solution is feasible for the example's model")
    func startFeasible() throws {
        let (s, _) = try ScenarioLoader.load(path: "Scenarios/example.yaml")
        let pm = try PlanningModel(context: PlanningContext(scenario: s))
        let start = try #require(StartHeuristic.build(pm))
        #expect(pm.model.firstViolation(start) == nil)
    }

    @Test("the exported LP and MPS give the same objective in glpsol as stplan", arguments: ["lp", "mps"])
    func exportMatchesGlpsol(format: String) throws {
        let (s, _) = try ScenarioLoader.load(path: fixture("tiny.yaml"))
        let model = try Planner(solver: GLPKSolver()).model(s)
        let ours = try GLPKSolver().solve(model, options: SolverOptions(timeLimit: 30))
        #expect(ours.status == .optimal)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.\(format)")
        try (format == "lp" ? ModelExport.lp(model) : ModelExport.mps(model)).write(to: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["glpsol", format == "lp" ? "--lp" : "--freemps", file.path, "-o", dir.appendingPathComponent("s").path]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let report = try String(contentsOf: dir.appendingPathComponent("s"), encoding: .utf8)
        let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try #require(Double(line.split(separator: "=")[1].split(separator: " ")[0]))
        #expect(abs(value - ours.objective!) < 1e-6)
    }
}

import Foundation
import GLPKBackend
import LinearModel
import PlanCheck
@testable import Planning
import ScenarioFormat
import Testing

/// A time limit is a promise and Ctrl-C keeps the best plan (issue 14, item 5): a stop requested from another
/// thread ends the run early with a checked plan, and the progress the command line prints follows the run.
@Suite("Stop and progress", .serialized)
struct StopAndProgressTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/example.yaml").path

    @Test("a stop requested 2 s into a 60 s run returns the best plan so far, which the checker passes")
    func stopFromAnotherThread() throws {
        let (s, _) = try ScenarioLoader.load(path: Self.example)
        let stop = StopSignal()
        let progress = PlanningProgress()
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { stop.request() }
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 60, stop: stop, progress: progress))
        #expect(outcome.stopped)
        #expect(outcome.seconds < 12, "the run went on \(outcome.seconds) s after a stop at 2 s")
        let plan = try #require(outcome.plan, "\(outcome.log)")
        let report = PlanChecker.check(plan, against: s)
        #expect(report.passed, "\(report.violations)")
        let last = progress.snapshot
        #expect(last.phase == .done && last.placed == s.trainees.count && last.trainees == s.trainees.count)
        #expect(last.objective == outcome.objective)
    }

    @Test("without a stop the run is not marked stopped")
    func notStopped() throws {
        let (s, _) = try ScenarioLoader.load(path: Self.example)
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 2, stop: StopSignal()))
        #expect(!outcome.stopped && outcome.plan != nil)
    }

    @Test("a progress line names the phase, the trainees placed, objective, bound, gap and time left")
    func progressLine() {
        let p = PlanningProgress()
        p.update { $0 = PlanningProgress.Snapshot(phase: .improvement, placed: 6, trainees: 10, objective: 200, bound: 150) }
        #expect(p.line(elapsed: 12.4, left: 47.6, english: false)
            == "[12 s] förbättring: 6/10 placerade, målfunktion 200.0, gräns 150.0, gap 25.0 %, 48 s kvar")
        #expect(p.line(elapsed: 12.4, left: -1, english: true)
            == "[12 s] improvement: 6/10 placed, objective 200.0, bound 150.0, gap 25.0 %, 0 s left")
        p.update { $0.objective = nil }
        #expect(p.line(elapsed: 0, left: 5, english: false).contains("målfunktion –, gräns 150.0, gap –"))
    }
}

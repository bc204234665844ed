@testable import Planning
import LinearModel
@testable import Pipeline
import Testing

/// The sentence a plan without a result gets in `plan`'s and `whatif`'s output.
@Suite("No-plan sentence")
struct NoPlanSentenceTests {
    static func outcome(_ status: TerminationStatus) -> PlanningOutcome {
        PlanningOutcome(plan: nil, status: status, objective: nil, bound: nil, seconds: 0, reasons: [], explanation: nil,
                        rows: 0, columns: 0, nonZeros: 0, subproblems: 0, improvements: 0, constructedObjective: nil, log: "")
    }

    /// A what-if variant's limit is its share of the command's (63.4149 s in a sweep): printed to a tenth.
    @Test func limitToATenth() {
        let text = Workflows.noPlanSentence(Self.outcome(.timeLimitNoSolution), timeLimit: 63.4149)
        #expect(text.contains("time limit of 63.4 s"), "\(text)")
        #expect(!text.contains("63.41"))
    }

    @Test func infeasibleSaysSo() {
        #expect(Workflows.noPlanSentence(Self.outcome(.infeasible), timeLimit: 10).contains("cannot all hold"))
    }
}

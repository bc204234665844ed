import Foundation
import GLPKBackend
import PlanCheck
@testable import Planning
import ScenarioFormat
import STCore
import Testing

/// Issue 15, item 1: research aims at its preferred length (default the range's maximum) unless the clinic's
/// staffing needs the weeks more, and quality work in `integrated` mode is spread thinly over home service.
@Suite("Research length and integrated quality", .serialized)
struct ResearchLengthTests {
    static func yaml(min: Int, research: String = "{ min: 4, max: 10, preferred: 8 }") -> String {
        """
        scenario: Forskning
        calendar: { start: 2027-01-04, weeks: 262 }
        units:
          - { id: home, home: true, staffing: { min: \(min) } }
          - { id: iva, capacity: 1 }
        programs:
          - id: p
            introduction_weeks: 0
            rotations:
              - { id: iva, unit: iva, weeks: 4 }
            research: { weeks: \(research), start_before_month: 30 }
            quality: { weeks: 2, mode: integrated }
        trainees:
          - { id: a, program: p, start: 2027-01-04 }
        """
    }

    static func plan(_ text: String) throws -> (Scenario, Plan) {
        let (s, _) = try ScenarioLoader.parse(data: Data(text.utf8), file: "t.yaml")
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 10))
        return (s, try #require(outcome.plan))
    }

    static func research(_ p: Plan) -> Double { p.trainees[0].weeks.reduce(0) { $0 + $1.research } }

    @Test("preferred defaults to the maximum; one outside the range is an error at its key")
    func parsing() throws {
        let (s, _) = try ScenarioLoader.parse(data: Data(Self.yaml(min: 0, research: "{ min: 4, max: 10 }").utf8), file: "t.yaml")
        #expect(s.programs[0].research?.preferredWeeks == 10)
        #expect(s.programs[0].quality?.mode == .integrated)
        var d: [Diagnostic] = []
        do { _ = try ScenarioLoader.parse(data: Data(Self.yaml(min: 0, research: "{ min: 4, max: 10, preferred: 12 }").utf8), file: "t.yaml") } catch {
            d = error.diagnostics
        }
        #expect(d.contains { $0.path == "programs[0].research.weeks.preferred" && $0.message.contains("outside 4–10") }, "\(d)")
    }

    @Test("without staffing pressure the research is its preferred length and the quality work 20 home weeks at 0.1")
    func preferredWhenFree() throws {
        let (s, p) = try Self.plan(Self.yaml(min: 0))
        #expect(abs(Self.research(p) - 8) < 1e-9, "research \(Self.research(p)) weeks")
        let quality = p.trainees[0].weeks.filter { $0.quality > 1e-9 }
        #expect(quality.count == 20)
        #expect(quality.allSatisfy { $0.activity == .home && abs($0.quality - 0.1) < 1e-9 })
        let r = PlanChecker.check(p, against: s)
        #expect(r.violations.isEmpty, "\(r.violations)")
        #expect(r.soft.allSatisfy { $0.rule != "research_short" })
        #expect(p.solve.terms?["research_short"] == 0)
    }

    @Test("with one trainee and a staffing minimum of one every research week costs more at home: the minimum, priced by planner and checker alike")
    func shortWhenStaffingNeeds() throws {
        let (s, p) = try Self.plan(Self.yaml(min: 1))
        #expect(abs(Self.research(p) - 4) < 1e-9, "research \(Self.research(p)) weeks")
        let r = PlanChecker.check(p, against: s)
        #expect(r.violations.isEmpty, "\(r.violations)")
        let short = r.soft.filter { $0.rule == "research_short" }
        #expect(short.count == 1 && abs(short[0].amount - 4) < 1e-9 && abs(short[0].cost - 40) < 1e-9, "\(short)")
        #expect(abs((p.solve.terms?["research_short"] ?? -1) - 40) < 1e-9)
        #expect(abs(r.soft.reduce(0) { $0 + $1.cost } - (p.solve.objective ?? -1)) < 1e-6, "the checker's cost is the objective")
    }

    @Test("integrated quality work laid out as a block is caught")
    func integratedBlockCaught() throws {
        let (s, p0) = try Self.plan(Self.yaml(min: 0))
        var p = p0
        let weeks = p.trainees[0].weeks.indices.filter { p.trainees[0].weeks[$0].quality > 1e-9 }
        for w in weeks { p.trainees[0].weeks[w].quality = 0 }
        for w in weeks.prefix(2) {
            p.trainees[0].weeks[w].quality = 1
            p.trainees[0].weeks[w].activity = .quality
        }
        let v = PlanChecker.check(p, against: s).violations(of: "quality")
        #expect(v.contains { $0.message.contains("integrated quality sits in a quality week") }, "\(v)")
    }
}

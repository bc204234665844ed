import Foundation
import Planning
import Reports
import STCore
import STPlanCLI
import Testing

/// Issue 17, item 2, through the commands: before, a trainee id `x/../../escape` in a plan.json made `report --out`
/// write an `.ics` outside the output folder.
@Suite("Untrusted plan files through the commands")
struct UntrustedPlanTests {
    @Test("report, check and replan refuse a plan whose trainee id is a path, with exit 65 and nothing written")
    func pathTraversal() throws {
        let root = EndToEndTests.ReplanTests.temporary("escape")
        let deep = root + "/a/b"
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = try String(contentsOfFile: "Tests/ReportsTests/Golden/plan.json", encoding: .utf8)
            .replacingOccurrences(of: "\"id\": \"anna\"", with: "\"id\": \"x/../../../escape\"")
        let planPath = deep + "/plan.json"
        try text.write(toFile: planPath, atomically: true, encoding: .utf8)
        let report = Workflows.report(planPath: planPath, formats: ReportFormat.allCases, out: deep + "/out", english: false, today: nil)
        #expect(report.status == .dataError)
        #expect(report.stderr.hasPrefix("\(planPath): trainees[0].id: \"x/../../../escape\" is not an id"), "\(report.stderr)")
        let check = Workflows.check(planPath: planPath, scenarioPath: "Scenarios/example.yaml")
        #expect(check.status == .dataError)
        #expect(check.stderr.contains("trainees[0].id"), "\(check.stderr)")
        let replan = Workflows.replan(planPath: planPath, scenarioPath: "Scenarios/example.yaml", today: CivilDate(iso: "2027-01-11"), out: deep + "/re",
                                      timeLimit: 5, stability: .balanced, english: false)
        #expect(replan.status == .dataError)
        #expect(replan.stderr.contains("trainees[0].id"), "\(replan.stderr)")
        let written = FileManager.default.enumerator(atPath: root)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(written.sorted() == ["a", "a/b", "a/b/plan.json"], "\(written)")
    }

    @Test("replan with a plan of another scenario says so (before: no plan keeps the history)")
    func foreignPlan() throws {
        let out = EndToEndTests.ReplanTests.temporary("foreign")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = Workflows.replan(planPath: EndToEndTests.ReplanTests.basePlan, scenarioPath: "Scenarios/anestesi-nus.yaml",
                                 today: CivilDate(iso: "2028-01-10"), out: out, timeLimit: 5, stability: .balanced, english: false)
        #expect(r.status == .dataError)
        #expect(r.stderr.contains("none of the plan's trainees (anna, bo, cecilia, david, erik) is in Scenarios/anestesi-nus.yaml: the plan was made for another scenario"),
                "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("check notes a plan made for another version of the scenario, and still judges it")
    func otherVersion() throws {
        let edited = EndToEndTests.ReplanTests.temporary("edited") + ".yaml"
        defer { try? FileManager.default.removeItem(atPath: edited) }
        try (try String(contentsOfFile: "Scenarios/example.yaml", encoding: .utf8) + "\n# edited\n").write(toFile: edited, atomically: true, encoding: .utf8)
        let same = Workflows.check(planPath: EndToEndTests.ReplanTests.basePlan, scenarioPath: "Scenarios/example.yaml")
        #expect(same.status == .ok)
        #expect(!same.stderr.contains("note:"), "\(same.stderr)")
        let other = Workflows.check(planPath: EndToEndTests.ReplanTests.basePlan, scenarioPath: edited)
        #expect(other.status == .ok)
        #expect(other.stderr.contains("was made for another version of the scenario"), "\(other.stderr)")
    }
}

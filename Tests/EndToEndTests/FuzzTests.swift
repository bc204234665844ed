import Foundation
import GLPKBackend
import PlanCheck
@testable import Planning
import Reports
import ScenarioFormat
import STCore
@testable import Pipeline
import Testing

/// Issue 17, item 5: a seeded mutation fuzzer that stays, in-process. Each case mutates a file of `Scenarios/` or a
/// plan of the example (numbers at the edges, deleted and duplicated lines, swapped values, wrong types, foreign
/// ids, paths as ids, aliases) and runs what a user would run on it: validation, and for what validates the
/// planning context and the supply-and-demand explanation; for plan files reading, `check` and every report.
/// A trap in any of them ends the test run, which is the failure; every case must end in a result or in a
/// clear message. `scripts/fuzz` runs 10 000 cases through the binary and counts the outcomes.
@Suite("Fuzzing", .serialized)
struct FuzzTests {
    /// Values at the edges of what the format's numbers, texts and ids can meet.
    static let edges = ["0", "-1", "1", "2147483648", "9223372036854775807", "9223372036854775808", "1e15", "1e300", "-1e300",
                        "0.5", ".nan", ".inf", "99999999999999999999999999", "\"\"", "[1, 2]", "{ a: 1 }", "~", "ghost",
                        "../../escape", "x y", "9999-12-31", "0001-01-01", "2027-02-30", "2027-01-05",
                        String(repeating: "A", count: 300), "*nosuch", "&a x"]

    /// One mutation of `lines`, chosen by `rng`.
    static func mutate(_ lines: inout [String], _ rng: inout SplitMix64, json: Bool) {
        guard !lines.isEmpty else { return }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            lines.remove(at: i)
        case 1:
            lines.insert(lines[i], at: i)
        case 2:
            // A value swapped with another line's.
            let j = Int.random(in: 0..<lines.count, using: &rng)
            if let a = lines[i].range(of: ": "), let b = lines[j].range(of: ": ") {
                let va = String(lines[i][a.upperBound...]), vb = String(lines[j][b.upperBound...])
                lines[i] = lines[i][..<a.upperBound] + vb
                lines[j] = lines[j][..<b.upperBound] + va
            }
        default:
            // A number, date or word replaced by an edge value.
            let line = lines[i]
            let tokens = line.matches(of: /[0-9][0-9.e+\-]*|"[^"]*"|[a-z][a-z0-9_\-]*/).map(\.range)
            guard !tokens.isEmpty else { return }
            let r = tokens[Int.random(in: 0..<tokens.count, using: &rng)]
            var value = edges[Int.random(in: 0..<edges.count, using: &rng)]
            if json {
                // JSON's own edges: numbers, text with a path, other types.
                let jsonEdges = ["1e308", "-1e308", "9223372036854775807", "-9223372036854775808", "0.5", "-1", "null", "true",
                                 "[]", "{}", "\"../../escape\"", "\"\"", "\"9999-12-31\"", "\"2027-02-30\"", "\"\(String(repeating: "A", count: 300))\""]
                value = jsonEdges[Int.random(in: 0..<jsonEdges.count, using: &rng)]
            }
            lines[i] = line.replacingCharacters(in: r, with: value)
        }
    }

    static let scenarioFiles: [String] = {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: "Scenarios")) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/" + $0 }
    }()

    @Test("300 mutated scenarios: each validates or gets clear diagnostics, and what validates can be explained")
    func scenarios() throws {
        var rng = SplitMix64(seed: 17)
        var counts = [String: Int]()
        let texts = try Self.scenarioFiles.map { ($0, try String(contentsOfFile: $0, encoding: .utf8)) }
        #expect(texts.count >= 5)
        for n in 0..<300 {
            let (path, text) = texts[n % texts.count]
            var lines = text.components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...3, using: &rng) { Self.mutate(&lines, &rng, json: false) }
            let mutated = lines.joined(separator: "\n")
            do {
                let (scenario, _) = try ScenarioLoader.parse(data: Data(mutated.utf8), file: path)
                counts["valid", default: 0] += 1
                // What a valid scenario meets first in `plan`: the context and the supply-and-demand explanation.
                let context = PlanningContext(scenario: scenario)
                _ = Explanation.supplyAndDemand(context)
                _ = Explanation.precheck(context)
            } catch {
                counts["diagnosed", default: 0] += 1
                let d = error.description
                #expect(!d.isEmpty && !d.contains("Context:") && d.count < 20_000, "case \(n) of \(path): \(d.prefix(300))")
                #expect(error.diagnostics.allSatisfy { $0.file == path }, "case \(n): \(d.prefix(300))")
            }
        }
        print("fuzz: scenarios \(counts.sorted { $0.key < $1.key })")
        #expect(counts["valid", default: 0] > 10 && counts["diagnosed", default: 0] > 100, "\(counts)")
    }

    @Test("200 mutated plan files: each is refused with a message naming the file, or is checked and reported")
    func plans() throws {
        let (scenario, _) = try ScenarioLoader.load(path: "Scenarios/example.yaml")
        let text = try String(contentsOfFile: EndToEndTests.ReplanTests.basePlan, encoding: .utf8)
        var rng = SplitMix64(seed: 71)
        var counts = [String: Int]()
        let today = CivilDate(iso: "2027-06-01")!
        for n in 0..<200 {
            var lines = text.components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...3, using: &rng) { Self.mutate(&lines, &rng, json: true) }
            do {
                let plan = try PlanFile.decode(Data(lines.joined(separator: "\n").utf8), file: "p.json")
                counts["read", default: 0] += 1
                // Every other is checked and every tenth reported: the debug build takes some 0.2 s for each.
                if n % 2 == 0 { _ = PlanChecker.check(plan, against: scenario) }
                if n % 10 == 0 {
                    let files = ReportWriter.files(plan, formats: ReportFormat.allCases, today: today, language: ReportLanguage(english: false))
                    #expect(files.allSatisfy { OutputSet.safe($0.path) }, "case \(n)")
                }
            } catch {
                counts["refused", default: 0] += 1
                #expect(error.description.hasPrefix("p.json"), "case \(n): \(error.description.prefix(300))")
            }
        }
        print("fuzz: plan files \(counts.sorted { $0.key < $1.key })")
        #expect(counts["read", default: 0] > 10 && counts["refused", default: 0] > 60, "\(counts)")
    }

    @Test("a few mutated scenarios that validate are planned for a second, and each plan passes stplan check")
    func shortPlans() throws {
        var rng = SplitMix64(seed: 5)
        let text = try String(contentsOfFile: "Tests/Fixtures/cohort-2.yaml", encoding: .utf8)
        var planned = 0
        for n in 0..<40 where planned < 4 {
            var lines = text.components(separatedBy: "\n")
            Self.mutate(&lines, &rng, json: false)
            guard let (scenario, _) = try? ScenarioLoader.parse(data: Data(lines.joined(separator: "\n").utf8), file: "f.yaml") else { continue }
            planned += 1
            let outcome = try Planner(solver: GLPKSolver()).plan(scenario, options: PlannerOptions(timeLimit: 1.5))
            if let plan = outcome.plan {
                let report = PlanChecker.check(plan, against: scenario)
                #expect(report.passed, "case \(n): \(report.violations.prefix(3))")
            } else {
                #expect(!outcome.reasons.isEmpty || outcome.status == .timeLimitNoSolution, "case \(n): no plan and no reason")
            }
        }
        #expect(planned >= 2)
    }
}

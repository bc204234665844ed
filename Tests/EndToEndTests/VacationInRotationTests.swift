import Foundation
import PlanCheck
import Planning
import ScenarioFormat
import STCore
import Pipeline
import Testing

/// `vacation_in_rotation: forbidden` (issue 15, item 1): no vacation week inside a rotation of that program (or
/// that rotation), in the plan and in `stplan check`. The example's plan puts vacation inside its 8-week IVA and
/// 13-week akut rotations, as `counts` (the default) allows.
extension EndToEndTests {
@Suite("Vacation inside rotations")
struct VacationInRotationTests {
    /// The loader's message for `path`, or `nil` when it loads.
    static func loadError(_ path: String) -> String? {
        do {
            _ = try ScenarioLoader.load(path: path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The example with `line` added to its program (e.g. `vacation_in_rotation: forbidden`), in a temporary file.
    static func example(adding line: String) throws -> String {
        let text = try String(contentsOfFile: "Scenarios/example.yaml", encoding: .utf8)
        let key = "    vacation_weeks_per_year: 5\n"
        #expect(text.contains(key))
        let path = ReplanTests.temporary("vacation") + ".yaml"
        try text.replacingOccurrences(of: key, with: key + "    \(line)\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("forbidden: the plan holds no vacation inside a rotation and passes the checker; the default plan fails it there")
    func forbidden() throws {
        let path = try Self.example(adding: "vacation_in_rotation: forbidden")
        let (scenario, _) = try ScenarioLoader.load(path: path)
        #expect(scenario.programs.allSatisfy { $0.rotations.allSatisfy { $0.vacation == VacationInRotation.forbidden } })
        let out = ReplanTests.temporary("forbidden-plan")
        let r = Workflows.plan(path: path, out: out, timeLimit: 8, gap: 0, verbose: false, english: false, reports: [])
        #expect(r.status == .ok, "\(r.stderr)")
        let plan = try PlanFile.read(path: out + "/plan.json")
        let inside = plan.trainees.flatMap { t in t.weeks.filter { $0.activity == .vacation && $0.rotation != nil }.map { "\(t.id) \($0.week)" } }
        #expect(inside.isEmpty, "\(inside)")
        let report = PlanChecker.check(plan, against: scenario)
        #expect(report.passed, "\(report.violations.prefix(3))")
        // The example's own plan (counts) has vacation inside rotations, which the forbidding scenario refuses.
        let base = try PlanFile.read(path: ReplanTests.basePlan)
        #expect(base.trainees.contains { $0.weeks.contains { $0.activity == .vacation && $0.rotation != nil } })
        let refused = PlanChecker.check(base, against: scenario).violations(of: "vacation")
        #expect(refused.contains { $0.message.contains("forbids") }, "\(refused.prefix(3))")
    }

    /// Under extends a block j weeks longer than its weeks worked must hold j vacation weeks: blocks whose weeks
    /// cannot hold that many of the trainee's vacation (+4 in March, far from a summer) were built, with two rows
    /// each, and are now left out. The blocks that can (+4 across a summer, +1 over a single week) stay.
    @Test("extends builds no block longer than the trainee's vacation there can fill")
    func extensionsFitVacation() throws {
        let (s, _) = try ScenarioLoader.load(path: try Self.example(adding: "vacation_in_rotation: extends"))
        let ctx = PlanningContext(scenario: s)
        var kept = [Int](repeating: 0, count: 5)
        var unfillable: [String] = []
        for t in ctx.trainees.indices {
            let reqs = ctx.trainees[t].requirements
            let room = PlanningContext.vacationRoom(requirements: reqs, candidates: ctx.candidates[t], weeks: ctx.grid.count)
            for r in reqs.indices where reqs[r].kind == .rotation && reqs[r].rotation?.vacation == .extends {
                for c in ctx.candidates[t][r] {
                    if room(c.start, c.end) < c.vacationInside { unfillable.append("\(ctx.trainees[t].spec.id) \(reqs[r].id) at \(c.start)+\(c.vacationInside)") }
                    kept[c.vacationInside] += 1
                }
            }
        }
        #expect(unfillable.isEmpty, "\(unfillable.count) blocks, e.g. \(unfillable.prefix(3))")
        #expect(kept.allSatisfy { $0 > 0 }, "blocks by extension 0–4: \(kept)")
    }

    @Test("extends on a split rotation is refused at its key; a program's extends leaves split ones counting; a rotation's own key overrides the program's")
    func keys() throws {
        let text = try String(contentsOfFile: "Scenarios/example.yaml", encoding: .utf8)
        let key = "    vacation_weeks_per_year: 5\n"
        let split = "weeks: 8, split_max: 2, min_block_weeks: 4"
        #expect(text.contains(split))
        let path = ReplanTests.temporary("extends-split") + ".yaml"
        try text.replacingOccurrences(of: split, with: split + ", vacation_in_rotation: extends").write(toFile: path, atomically: true, encoding: .utf8)
        let message = Self.loadError(path)
        #expect(message?.contains("vacation_in_rotation") == true && message?.contains("split_max 2") == true, "\(message ?? "loaded")")
        let (p, _) = try ScenarioLoader.load(path: try Self.example(adding: "vacation_in_rotation: extends"))
        let modes = Dictionary(uniqueKeysWithValues: p.programs[0].rotations.map { ($0.id, $0.vacation) })
        #expect(modes == ["kard": .extends, "iva": .extends, "akut": .extends, "infektion-lunga": .counts], "\(modes)")
        let iva = "      - { id: iva, unit: iva, "
        #expect(text.contains(iva))
        let mixed = ReplanTests.temporary("mixed") + ".yaml"
        try text.replacingOccurrences(of: key, with: key + "    vacation_in_rotation: forbidden\n")
            .replacingOccurrences(of: iva, with: iva + "vacation_in_rotation: counts, ").write(toFile: mixed, atomically: true, encoding: .utf8)
        let (s, _) = try ScenarioLoader.load(path: mixed)
        let rotations: [RotationSpec] = s.programs.flatMap { $0.rotations }
        let counting: [String] = rotations.filter { $0.vacation == VacationInRotation.counts }.map { $0.id }
        #expect(counting == ["iva"])
        let forbidding = rotations.filter { $0.vacation == VacationInRotation.forbidden }.count
        #expect(forbidding == rotations.count - 1)
    }
}
}

extension EndToEndTests.VacationInRotationTests {
    /// `max_vacation_weeks_in_block` (issue 15, item 1): the example's 8-week IVA held 4 weeks of vacation and its
    /// 13-week akut 5; with a cap of 1 no block holds more, in the model, the greedy and the checker.
    @Test("a cap on vacation inside one block holds in the plan and in the checker; the default plan breaks it")
    func blockCap() throws {
        let path = try Self.example(adding: "max_vacation_weeks_in_block: 1")
        let (scenario, _) = try ScenarioLoader.load(path: path)
        #expect(scenario.programs.allSatisfy { $0.rotations.allSatisfy { $0.maxVacationWeeksInBlock == 1 } })
        let out = EndToEndTests.ReplanTests.temporary("cap-plan")
        let r = Workflows.plan(path: path, out: out, timeLimit: 8, gap: 0, verbose: false, english: false, reports: [])
        #expect(r.status == .ok, "\(r.stderr)")
        let plan = try PlanFile.read(path: out + "/plan.json")
        var most = 0
        for t in plan.trainees {
            // Per rotation run (rotation and vacation weeks of the same rotation and unit in a row), its vacation weeks.
            var run: (key: String, vacation: Int)?
            for w in t.weeks {
                let key = w.rotation.map { "\($0)|\(w.unit ?? "")" }
                if let k = key, w.activity == .rotation || w.activity == .vacation {
                    if run?.key != k { run = (k, 0) }
                    if w.activity == .vacation { run!.vacation += 1; most = max(most, run!.vacation) }
                } else { run = nil }
            }
        }
        #expect(most <= 1, "a block holds \(most) vacation weeks")
        let report = PlanChecker.check(plan, against: scenario)
        #expect(report.passed, "\(report.violations.prefix(3))")
        // The example's own plan has blocks with more, which the capped scenario refuses.
        let base = try PlanFile.read(path: EndToEndTests.ReplanTests.basePlan)
        let refused = PlanChecker.check(base, against: scenario).violations(of: "vacation")
        #expect(refused.contains { $0.message.contains("max_vacation_weeks_in_block allows 1") }, "\(refused.prefix(3))")
    }
}

extension EndToEndTests.VacationInRotationTests {
    /// `vacation_in_rotation: extends` (issue 15, item 1): a rotation's length is the weeks worked there, and
    /// vacation inside lengthens the block. The example's IVA of 8 weeks was 4 worked and 4 of vacation.
    @Test("extends: every rotation's weeks worked reach its length, vacation lengthens the block, and the checker agrees")
    func extends() throws {
        let path = try Self.example(adding: "vacation_in_rotation: extends")
        let (scenario, _) = try ScenarioLoader.load(path: path)
        let out = EndToEndTests.ReplanTests.temporary("extends-plan")
        let r = Workflows.plan(path: path, out: out, timeLimit: 10, gap: 0, verbose: false, english: false, reports: [])
        #expect(r.status == .ok, "\(r.stderr)")
        let plan = try PlanFile.read(path: out + "/plan.json")
        let report = PlanChecker.check(plan, against: scenario)
        #expect(report.passed, "\(report.violations.prefix(3))")
        var lengthened = 0
        for t in plan.trainees {
            for rot in ["kard", "iva", "akut"] {
                let weeks = t.weeks.filter { $0.rotation == rot }
                if scenario.trainees.first(where: { $0.id == t.id })?.done.contains(rot) == true { continue }
                let worked = weeks.filter { $0.activity == .rotation }.count
                let minimum = scenario.programs[0].rotation(rot)!.minWeeks
                #expect(worked >= minimum, "\(t.id): \(rot) has \(worked) weeks worked, fewer than \(minimum)")
                if weeks.count > worked { lengthened += 1 }
            }
        }
        // Summer vacation inside a rotation is now a longer block, not a shorter rotation.
        #expect(lengthened > 0, "no block held vacation")
        // The example's own plan (counts) has blocks whose vacation made them short of their weeks worked.
        let base = try PlanFile.read(path: EndToEndTests.ReplanTests.basePlan)
        #expect(!PlanChecker.check(base, against: scenario).violations(of: "rotation-length").isEmpty)
    }
}

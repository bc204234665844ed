import CohortGenerator
import Foundation
import LinearModel
import PlanCheck
import Planning
import Reports
import ScenarioFormat
import STCore
import Pipeline
import Testing

extension EndToEndTests {
/// `stplan replan` on every case in Scenarios/whatif/ and `stplan whatif`, through the real GLPK; each new plan is
/// checked by the independent checker and its change report against a diff the test makes itself. Nested in the
/// serialized end-to-end suite: run beside it, the two left a 40-trainee plan too little of the 2 cores to find a
/// plan within its 10 s.
@Suite("Replan and what-if", .serialized)
struct ReplanTests {
    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "Scenarios/whatif")) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/whatif/\($0)" }
    }()

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stplan-\(name)-\(UUID().uuidString)").path
    }

    /// The example planned once (8 s), shared by the cases.
    static let basePlan: String = {
        let out = temporary("base")
        let r = Workflows.plan(path: "Scenarios/example.yaml", out: out, timeLimit: 8, gap: 0, verbose: false, english: false, reports: [])
        precondition(r.status == .ok, r.stderr)
        return out + "/plan.json"
    }()

    /// The weeks that plan differently (activity, unit, rotation, courses, research, quality), found here
    /// independently of PlanDiff.
    /// A week of a trainee's plan in a few words, for a failing expectation's message.
    static func describe(_ t: Plan.TraineePlan, _ w: Int) -> String {
        guard w < t.weeks.count else { return "after-end" }
        let e = t.weeks[w]
        return [e.activity.rawValue, e.unit ?? "-", e.rotation ?? "-", e.courses.joined(separator: "+")].joined(separator: "/")
    }

    static func differingWeeks(_ a: Plan.TraineePlan?, _ b: Plan.TraineePlan?, count: Int) -> Set<Int> {
        // A trainee missing from a plan is before its start throughout; weeks past a shorter calendar are after-end.
        func key(_ t: Plan.TraineePlan?, _ w: Int) -> String {
            guard let t else { return "before-start" }
            guard w < t.weeks.count else { return "after-end" }
            let e = t.weeks[w]
            if e.activity == .beforeStart || e.activity == .afterEnd { return e.activity.rawValue }
            return [e.activity.rawValue, e.unit ?? "", e.rotation ?? "", e.courses.joined(separator: "+"), "\(e.research)", "\(e.quality)"].joined(separator: "|")
        }
        return Set((0..<count).filter { key(a, $0) != key(b, $0) })
    }

    /// Does week `w` of `t` hold the change report item's kind and id (and unit)?
    static func holds(_ t: Plan.TraineePlan?, _ w: Int, kind: String, id: String, unit: String?) -> Bool {
        guard let t, w < t.weeks.count else { return false }
        let e = t.weeks[w]
        switch kind {
        case "rotation": return e.rotation == id && e.unit == unit
        case "course": return e.courses.contains(id)
        case "research": return e.research > 0 || e.activity == .research
        case "quality": return e.quality > 0 || e.activity == .quality
        case "vacation": return e.activity == .vacation
        default: return e.activity == .leave
        }
    }

    /// Replans `variant` from the base plan and checks everything the issue asks of a replan.
    @discardableResult
    static func replanAndVerify(_ variant: String, from planPath: String, today: CivilDate? = nil, stability: Stability = .balanced,
                                timeLimit: Double = 10) throws -> (old: Plan, new: Plan, out: String) {
        let out = temporary("replan")
        let r = Workflows.replan(planPath: planPath, scenarioPath: variant, today: today, out: out, timeLimit: timeLimit,
                                 stability: stability, english: false, reports: [])
        #expect(r.status == .ok, "\(variant): \(r.stderr)")
        let old = try PlanFile.read(path: planPath)
        let new = try PlanFile.read(path: out + "/plan.json")
        // stplan check passes the new plan against the edited scenario.
        let check = Workflows.check(planPath: out + "/plan.json", scenarioPath: variant)
        #expect(check.status == .ok, "\(variant): \(check.stdout)")
        // Weeks before today are identical, events and hours included.
        let (scenario, _) = try ScenarioLoader.load(path: variant)
        let monday = (today ?? scenario.today!).monday
        let cut = new.calendar.grid.week(containing: monday)
        for t in new.trainees {
            guard let o = old.trainees.first(where: { $0.id == t.id }) else { continue }
            #expect(Array(o.weeks.prefix(cut)) == Array(t.weeks.prefix(cut)), "\(variant): \(t.id)'s weeks before \(monday) changed")
        }
        // Notice: no rotation at another unit starts inside its lead time from today unless the old plan started it
        // there, or the trainee was at that unit in the week before today (resuming after leave). The booking date
        // is taken as the start less lead_weeks, without moving it off a day off, so this judges a subset.
        for t in new.trainees {
            let o = old.trainees.first { $0.id == t.id }
            func starts(_ p: Plan.TraineePlan, _ w: Int, _ r: String, _ u: String) -> Bool {
                w < p.weeks.count && p.weeks[w].rotation == r && p.weeks[w].unit == u && (w == 0 || p.weeks[w - 1].rotation != r || p.weeks[w - 1].unit != u)
            }
            for w in cut..<t.weeks.count {
                guard let r = t.weeks[w].rotation, let u = t.weeks[w].unit, starts(t, w, r, u), let unit = scenario.unit(u), !unit.home,
                      t.weeks[w].week.adding(days: -7 * unit.leadWeeks) < monday else { continue }
                let booked = o.map { starts($0, w, r, u) } ?? false
                let resumed = cut > 0 && t.weeks[cut - 1].rotation == r && t.weeks[cut - 1].unit == u
                #expect(booked || resumed, "\(variant): \(t.id) starts \(r) at \(u) on \(t.weeks[w].week), inside its \(unit.leadWeeks) weeks' notice from \(monday), and the old plan had not booked it")
            }
        }
        // The lineage: the old plan's hash, the date, the scenario's hash.
        let replan = new.history?.replans.last
        #expect(replan?.today == (today ?? scenario.today))
        #expect(replan?.fromPlanHash == SHA256.hex(FileManager.default.contents(atPath: planPath)!))
        #expect(new.history?.scenarioHash == scenario.sourceHash)
        // The change report lists exactly the differences between the two plan files.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/changes.json"))) as! [String: Any]
        let reported = json["trainees"] as! [[String: Any]]
        let count = max(old.calendar.weeks, new.calendar.weeks)
        let mondays = (0..<count).map { old.calendar.start.adding(days: 7 * $0) }
        var expectedIDs: [String] = []
        for id in Set(old.trainees.map(\.id)).union(new.trainees.map(\.id)).sorted() {
            let a = old.trainees.first { $0.id == id }, b = new.trainees.first { $0.id == id }
            let differ = differingWeeks(a, b, count: count)
            if !differ.isEmpty || a?.completion != b?.completion || a == nil || b == nil { expectedIDs.append(id) }
            let entry = reported.first { $0["id"] as? String == id }
            #expect((entry == nil) == (differ.isEmpty && a?.completion == b?.completion && a != nil && b != nil), "\(variant): \(id) listed wrongly")
            guard let entry else { continue }
            let weeks = Set((entry["changedWeeks"] as! [String]).map { s in mondays.firstIndex(of: CivilDate(iso: s)!)! })
            #expect(weeks == differ, "\(variant): \(id)'s changed weeks differ from the plans' difference")
            // Every item is true of the plans, and every differing week is explained by an item.
            var explained = Set<Int>()
            for item in entry["items"] as! [[String: Any]] {
                let kind = item["kind"] as! String, itemID = item["id"] as! String
                for (side, plan) in [("old", a), ("new", b)] {
                    guard let span = item[side] as? [String: Any] else { continue }
                    let from = mondays.firstIndex(of: CivilDate(iso: span["from"] as! String)!)!
                    let n = span["weeks"] as! Int
                    for w in from..<(from + n) {
                        #expect(holds(plan, w, kind: kind, id: itemID, unit: span["unit"] as? String), "\(variant): \(id) \(side) \(kind) \(itemID) week \(w)")
                        explained.insert(w)
                    }
                }
            }
            // A week no item covers may only differ between home, buffer and after-end (the ST's end moved).
            let quiet: Set<Activity> = [.home, .buffer, .afterEnd, .beforeStart]
            for w in differ where !explained.contains(w) {
                #expect(quiet.contains(a?.weeks[safe: w]?.activity ?? .afterEnd) && quiet.contains(b?.weeks[safe: w]?.activity ?? .afterEnd),
                        "\(variant): \(id)'s week \(mondays[w]) changed but no item says so")
            }
        }
        #expect(reported.map { $0["id"] as! String }.sorted() == expectedIDs, "\(variant)")
        #expect(FileManager.default.fileExists(atPath: out + "/changes.md"))
        return (old, new, out)
    }

    @Test("Scenarios/whatif holds the six cases of issue 6")
    func hasCases() {
        for name in ["foraldraledighet", "sjukskrivning", "forlangning", "kard-halverad", "sk-kurs-installd", "nya-st"] {
            #expect(Self.cases.contains("Scenarios/whatif/\(name).yaml"), "\(name)")
        }
    }

    @Test("every what-if case replans: check passes, history kept, the change report is the plans' difference", arguments: cases)
    func replanCase(path: String) throws {
        try Self.replanAndVerify(path, from: Self.basePlan)
    }

    @Test("a sick leave from today inside a rotation cuts it there and plans its rest after the leave")
    func sickLeaveCutsRotation() throws {
        let old = try PlanFile.read(path: Self.basePlan)
        // A trainee in the middle of a rotation of 6+ weeks after 2028-01-01.
        var found: (id: String, week: Int, rotation: String)?
        for t in old.trainees where found == nil {
            for w in 3..<(t.weeks.count - 3) where t.weeks[w].week >= CivilDate(iso: "2028-01-01")! {
                let run = (w - 2)...(w + 2)
                if let r = t.weeks[w].rotation, run.allSatisfy({ t.weeks[$0].activity == .rotation && t.weeks[$0].rotation == r }) {
                    found = (t.id, w, r)
                    break
                }
            }
        }
        let (id, week, rotation) = try #require(found)
        let monday = old.trainees[0].weeks[week].week
        let dir = Self.temporary("sick")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let variant = dir + "/sick.yaml"
        let base = FileManager.default.currentDirectoryPath + "/Scenarios/example.yaml"
        try """
        variant: Sjukskriven mitt i randningen
        base: \(base)
        today: \(monday)
        trainees:
          - id: \(id)
            leave+:
              - { from: \(monday), to: \(monday.adding(days: 20)), kind: sick }
        """.write(toFile: variant, atomically: true, encoding: .utf8)
        let (_, new, _) = try Self.replanAndVerify(variant, from: Self.basePlan)
        let t = try #require(new.trainees.first { $0.id == id })
        #expect(t.weeks[week - 1].rotation == rotation, "the weeks before the leave stay in the rotation")
        #expect(t.weeks[week].activity == .leave)
        let before = old.trainees.first { $0.id == id }!.weeks.filter { $0.rotation == rotation }.count
        let after = t.weeks.filter { $0.rotation == rotation }.count
        #expect(after == before, "the rotation keeps its length: its rest is planned after the leave")
    }

    @Test("a 20-trainee cohort: one new parental leave changes no other trainee's plan, strict or balanced",
          arguments: [Stability.strict, .balanced])
    func parentalLeaveTouchesOnlyThatTrainee(stability: Stability) throws {
        let dir = Self.temporary("cohort20-\(stability.rawValue)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // No staffing pressure, so a plan exists in which only the trainee on leave changes.
        let yaml = CohortGenerator.yaml(trainees: 20, seed: 3, staffing: false)
        try yaml.write(toFile: dir + "/cohort.yaml", atomically: true, encoding: .utf8)
        let plan = Workflows.plan(path: dir + "/cohort.yaml", out: dir + "/base", timeLimit: 20, gap: 0, verbose: false, english: false, reports: [])
        try #require(plan.status == .ok, "\(plan.stderr)")
        let baseCheck = Workflows.check(planPath: dir + "/base/plan.json", scenarioPath: dir + "/cohort.yaml")
        #expect(baseCheck.status == .ok, "\(baseCheck.stdout)")
        let old = try PlanFile.read(path: dir + "/base/plan.json")
        // The trainee whose ST runs at 2029-03-05 with the most weeks left; the leave is announced 3 months ahead.
        let today = CivilDate(iso: "2029-03-05")!
        let variant = try #require(CohortGenerator.parentalLeaveVariant(old, base: "cohort.yaml", today: today))
        let trainee = try #require(old.trainees.first { $0.id == variant.trainee })
        try variant.yaml.write(toFile: dir + "/leave.yaml", atomically: true, encoding: .utf8)
        let (_, new, _) = try Self.replanAndVerify(dir + "/leave.yaml", from: dir + "/base/plan.json", today: today, stability: stability, timeLimit: 10)
        for t in new.trainees where t.id != trainee.id {
            let o = old.trainees.first { $0.id == t.id }!
            let moved = Self.differingWeeks(o, t, count: old.calendar.weeks).sorted()
            let what = moved.map { "week \($0) \(Self.describe(o, $0)) → \(Self.describe(t, $0))" }.joined(separator: "; ")
            #expect(moved.isEmpty, "\(t.id) changed though only \(trainee.id) took leave: \(what)")
        }
        #expect(Self.differingWeeks(old.trainees.first { $0.id == trainee.id }, new.trainees.first { $0.id == trainee.id }, count: old.calendar.weeks).count > 0)
    }

    /// Ctrl-C during a replan (issue 14, item 5): once the repair has a plan, a stop ends the search and the best
    /// plan so far is written; the checker passes it.
    @Test("a replan stopped 1.5 s into 30 s writes its best plan so far, which the checker passes")
    func replanStopped() throws {
        let out = Self.temporary("replan-stop")
        let stop = StopSignal()
        stop.request(after: 1.5)
        let clock = ContinuousClock()
        let t0 = clock.now
        let r = Workflows.replan(planPath: Self.basePlan, scenarioPath: "Scenarios/whatif/foraldraledighet.yaml", today: nil, out: out,
                                 timeLimit: 30, stability: .balanced, english: false, reports: [], stop: stop)
        let wall = (clock.now - t0).inSeconds
        #expect(r.status == .ok, "\(r.stderr)")
        // The repair runs to its end (until then there is nothing to keep): in a debug build beside the other
        // suites that took 10.6 s; a replan that ignored the stop would run its 30 s.
        #expect(wall < 20, "the replan went on \(wall) s after a stop at 1.5 s")
        #expect(r.stderr.contains("Avbruten: den bästa planen hittills är skriven; kontrollen godkänner den"), "\(r.stderr)")
        let check = Workflows.check(planPath: out + "/plan.json", scenarioPath: "Scenarios/whatif/foraldraledighet.yaml")
        #expect(check.status == .ok, "\(check.stdout)")
    }

    /// Ctrl-C during a comparison: the running plans keep their best so far, the ones not started are marked.
    @Test("whatif stopped 1 s in ends at once; plans not started are marked as stopped")
    func whatIfStopped() throws {
        let out = Self.temporary("whatif-stop")
        let stop = StopSignal()
        stop.request(after: 1)
        let clock = ContinuousClock()
        let t0 = clock.now
        let r = Workflows.whatIf(base: "Scenarios/example.yaml", variants: ["Scenarios/whatif/iva-tar-tva.yaml", "Scenarios/whatif/kard-halverad.yaml"],
                                 out: out, timeLimit: 120, english: false, stop: stop)
        let wall = (clock.now - t0).inSeconds
        #expect(wall < 12, "whatif went on \(wall) s after a stop at 1 s")
        #expect(r.stderr.contains("Avbruten"), "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/comparison.json"))) as! [[String: Any]]
        #expect(rows.count == 3)
        // The third plan starts in the second round, after the stop.
        #expect((rows[2]["failure"] as? String)?.contains("avbruten") == true, "\(rows[2])")
        #expect(r.status == .noPlan)
    }

    @Test("whatif: base and three variants; the comparison's numbers are the individual plans'")
    func whatIf() throws {
        let out = Self.temporary("whatif")
        let variants = ["Scenarios/whatif/iva-tar-tva.yaml", "Scenarios/whatif/kard-halverad.yaml", "Scenarios/whatif/forlangning.yaml"]
        // --time-limit bounds the whole comparison (two rounds of two plans here), and progress lines come while it runs.
        let lines = ProgressLineTests.Lines()
        let clock = ContinuousClock()
        let t0 = clock.now
        // 12 s: each replan's repair gets about 5 s of it; in a debug build, with research of four lengths to weigh
        // (issue 15), the cardiology repair needs 3–4 s, which the 8 s this test had left it did not always give.
        let r = Workflows.whatIf(base: "Scenarios/example.yaml", variants: variants, out: out, timeLimit: 12, english: false,
                                 progressLine: { lines.add($0) }, progressEvery: 0.5)
        let wall = (clock.now - t0).inSeconds
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(wall <= 12 + 3, "whatif --time-limit 12 took \(wall) s")
        #expect(lines.all.contains { $0.contains("jämförelse:") && $0.contains("/4 planer klara") }, "\(lines.all)")
        #expect(r.stdout.contains("| Mått | bas | IVA tar två | Kardiologen halverar | Förlängning Cecilia |"), "\(r.stdout)")
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/comparison.json"))) as! [[String: Any]]
        #expect(rows.count == 4)
        for row in rows {
            let name = row["name"] as! String
            let dir = out + "/" + String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
            let plan = try PlanFile.read(path: dir + "/plan.json")
            // Every variant's plan passes the independent checker against its own scenario.
            let check = Workflows.check(planPath: dir + "/plan.json", scenarioPath: row["file"] as! String)
            #expect(check.status == .ok, "\(name): \(check.stdout)")
            // Recomputed here from the plan's own arrays.
            let s = plan.staffing[0]
            let shortage = s.present.indices.reduce(0.0) { $0 + max(0, Double(s.min[$1]) - s.present[$1]) }
            let below = s.present.indices.reduce(0.0) { $0 + max(0, Double(s.target![$1]) - s.present[$1]) }
            #expect(abs((row["shortage"] as! Double) - shortage) < 1e-3, "\(name) shortage")
            #expect(abs((row["belowTarget"] as! Double) - below) < 1e-3, "\(name) below target")
            #expect(row["extensionWeeks"] as! Int == plan.trainees.reduce(0) { $0 + $1.extensionWeeks })
            #expect(row["coursesMissed"] as! Int == 0)
            let peaks = row["peaks"] as! [String: [String: Any]]
            for u in plan.units { #expect(peaks[u.id]?["load"] as? Int == u.load.max(), "\(name) \(u.id) peak") }
            for t in row["trainees"] as! [[String: Any]] {
                let tp = plan.trainees.first { $0.id == t["id"] as! String }!
                #expect((t["completion"] as? String) == tp.completion?.description)
                #expect(t["extensionWeeks"] as! Int == tp.extensionWeeks)
            }
            let objective = try #require(plan.solve.objective)
            #expect(r.stdout.contains(JSONValue.format(objective).replacingOccurrences(of: ".", with: ",")), "\(name)'s objective is in the table")
            // Each plan has its reports.
            for file in ["plan.md", "plan.html", "todo.md"] { #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(name): \(file)") }
        }
        #expect(FileManager.default.fileExists(atPath: out + "/comparison.html"))
    }

    /// Issue 15, item 10: a variant with today: is replanned from the base plan (history kept), and a variant
    /// that only relaxes the base can never come out worse than it, with or without today:.
    @Test("whatif replans a variant with today: from the base and starts one without today: from the base plan; a relaxation is never worse")
    func whatIfFromBase() throws {
        let out = Self.temporary("whatif-base")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let base = FileManager.default.currentDirectoryPath + "/Scenarios/example.yaml"
        // IVA takes two, with and without a date: a relaxation of the base either way.
        let undated = out + "/iva-undated.yaml"
        try "variant: IVA tar två utan datum\nbase: \(base)\nunits:\n  - id: iva\n    capacity: 2\n".write(toFile: undated, atomically: true, encoding: .utf8)
        let r = Workflows.whatIf(base: "Scenarios/example.yaml", variants: ["Scenarios/whatif/iva-tar-tva.yaml", undated], out: out,
                                 timeLimit: 24, english: false)
        #expect(r.status == .ok, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/comparison.json"))) as! [[String: Any]]
        try #require(rows.count == 3)
        #expect(rows.map { $0["method"] as? String } == ["base", "replanned", "from-base"])
        func dir(_ row: [String: Any]) -> String { out + "/" + String((row["name"] as! String).lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }) }
        func plan(_ row: [String: Any]) throws -> Plan { try PlanFile.read(path: dir(row) + "/plan.json") }
        let basePlan = try plan(rows[0]), dated = try plan(rows[1]), free = try plan(rows[2])
        let baseObjective = try #require(basePlan.solve.objective)
        for (name, p) in [("dated", dated), ("undated", free)] {
            let o = try #require(p.solve.objective)
            #expect(o <= baseObjective + 1e-6, "\(name): a relaxation came out worse than the base: \(o) > \(baseObjective)")
        }
        // The replanned variant keeps the base's weeks before its today: and records the replan.
        let today = CivilDate(iso: "2028-03-06")!
        let cut = basePlan.calendar.grid.week(containing: today)
        for t in dated.trainees {
            let o = try #require(basePlan.trainees.first { $0.id == t.id })
            #expect(Array(o.weeks.prefix(cut)) == Array(t.weeks.prefix(cut)), "\(t.id)'s weeks before \(today) changed")
        }
        #expect(dated.history?.replans.last?.today == today)
        #expect(rows[1]["today"] as? String == "2028-03-06")
        #expect(FileManager.default.fileExists(atPath: dir(rows[1]) + "/changes.md"))
        #expect(!FileManager.default.fileExists(atPath: dir(rows[2]) + "/changes.md"))
        // Both pass the checker against their own scenario.
        for (row, file) in [(rows[1], "Scenarios/whatif/iva-tar-tva.yaml"), (rows[2], undated)] {
            let check = Workflows.check(planPath: dir(row) + "/plan.json", scenarioPath: file)
            #expect(check.status == .ok, "\(file): \(check.stdout)")
        }
        #expect(r.stdout.contains("| Planerad | från början | omplanerad från basen från 2028-03-06 | från början, med basplanen som start |"), "\(r.stdout)")
    }
}
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

import Foundation
import GLPKBackend
import LinearModel
import PlanCheck
import Planning
import Reports
import ScenarioFormat
import STCore

extension Workflows {
    /// Checker rules that, broken in a week before `--today` by the old plan under the edited scenario, mean the
    /// edit rewrites history.
    static let historyRules: Set<String> = ["leave", "before-start", "counts", "capacity", "closed", "course-session"]

    /// `stplan replan PLAN.json --scenario NEW.yaml --today DATE`
    public static func replan(planPath: String, scenarioPath: String, today: CivilDate?, out: String, timeLimit: Double, stability: Stability,
                              english: Bool, reports: [ReportFormat] = ReportFormat.allCases, csv: CSVDialect = .excel, reportDate: CivilDate? = nil,
                              verbose: Bool = false, stop: StopSignal? = nil, progressLine: (@Sendable (String) -> Void)? = nil,
                              progressEvery: Double = 5, progressFormat: ProgressFormat = .text,
                              memoryLimit: MemoryBudget? = .standard, deterministic: Bool = false) -> CommandResult {
        var r = CommandResult(status: .ok)
        guard timeLimit.isFinite, timeLimit > 0 else { r.status = .usage; r.stderr = "--time-limit must be a positive number of seconds\n"; return r }
        // --time-limit bounds the whole command: reading and checking the inputs is taken from it, and so is the
        // time the reports will take to write (measured: about 0.035 s per trainee for every format).
        let clock = ContinuousClock()
        let t0 = clock.now
        let data: Data
        do { data = try PlanFile.data(path: planPath) } catch {
            r.status = .noInput
            r.stderr = error.description + "\n"
            return r
        }
        let old: Plan
        do { old = try PlanFile.decode(data, file: planPath) } catch {
            r.status = .dataError
            r.stderr = error.description + "\n"
            return r
        }
        guard let scenario = loadScenario(scenarioPath, &r) else { return r }
        guard let today = today ?? scenario.today else {
            r.status = .usage
            r.stderr = "give --today DATE (the first day that may change), or today: in the variant file\n"
            return r
        }
        // A plan of another scenario: say so, instead of finding that no plan keeps its history.
        if let problem = Replanner.inputProblem(old: old, scenario: scenario) {
            r.status = .dataError
            r.stderr = "\(planPath): \(problem)\n"
            return r
        }
        // --out is checked before the solve, not after it.
        if let problem = OutputSet.problem(out: out, names: ["plan.json", "changes.md", "changes.json"] + ReportWriter.fixedNames,
                                           inputs: [planPath, scenarioPath]) {
            r.status = .cannotCreate
            r.stderr += problem + "\n"
            return r
        }
        // The edit must not change the weeks before today.
        let monday = today.monday
        var padded = old
        pad(&padded, to: scenario.calendar.weeks)
        let history = historyProblems(padded, scenario, today: today)
        if !history.isEmpty {
            r.status = .dataError
            r.stderr = "\(scenarioPath): the edited scenario changes weeks before --today \(today), which a replan never rewrites:\n"
            r.stderr += history.prefix(10).map { "  - \($0)\n" }.joined()
            r.stderr += "Date the change from \(monday) on, or give an earlier --today.\n"
            return r
        }
        let writing = reports.isEmpty ? 0.05 : 0.1 + 0.04 * Double(max(old.trainees.count, scenario.trainees.count))
        // Deterministic, the time the inputs took to read is not taken from the budget: it differs run to run.
        let used = deterministic ? 0 : (clock.now - t0).inSeconds
        let budget = max(min(1, timeLimit), timeLimit - used - min(writing, timeLimit * 0.25))
        let progress = PlanningProgress()
        var options = ReplanOptions(today: today, stability: stability, timeLimit: budget, oldPlanHash: SHA256.hex(data),
                                    stop: stop, progress: progress)
        options.memoryLimit = memoryLimit
        options.deterministic = deterministic
        let ticker = progressLine.map { Self.ticker(progress, every: progressEvery, timeLimit: timeLimit, english: english, format: progressFormat, $0) }
        defer { ticker?.cancel() }
        let result: ReplanOutcome
        do {
            result = try Replanner(solver: GLPKSolver()).replan(old: old, scenario: scenario, options: options)
        } catch let e as ReplanError {
            r.status = .dataError
            r.stderr = "\(e)\n"
            return r
        } catch let e as ModelTooLarge {
            r.status = .noPlan
            r.stderr += "No plan: \(e)\n"
            return r
        } catch {
            r.status = .software
            r.stderr = "stplan could not build or solve the replan: \(error)\n"
            return r
        }
        if verbose { r.stderr += result.outcome.log }
        guard let plan = result.outcome.plan else {
            r.status = .noPlan
            r.stderr += "No plan: " + result.outcome.reasons.joined(separator: "; ") + "\n"
            r.stderr += result.notes.map { "  - \(ReportLanguage(english: english).note($0, in: [old]))\n" }.joined()
            return r
        }
        let diff = PlanDiff.compare(old, plan)
        let language = ReportLanguage(english: english)
        write(plan, outcome: result.outcome, out: out, english: english, reports: reports, csv: csv, today: reportDate,
              extra: [("changes.md", ChangeReport.markdown(diff, old: old, new: plan, notes: result.notes, language: language)),
                      ("changes.json", ChangeReport.json(diff, old: old, new: plan, notes: result.notes))], inputs: [planPath, scenarioPath], into: &r)
        r.stdout += english
            ? "Replanned from \(monday): \(diff.trainees.count) trainees changed, \(diff.changedWeeks) trainee-weeks, \(diff.movedBlocks) blocks moved (\(stability.rawValue)); see \(out)/changes.md\n"
            : "Omplanerad från \(monday): \(diff.trainees.count) ST-läkare berörs, \(diff.changedWeeks) veckor ändrade, \(diff.movedBlocks) block flyttade (\(language.stability(stability.rawValue))); se \(out)/changes.md\n"
        for n in result.notes { r.stdout += "  - \(language.note(n, in: [plan, old]))\n" }
        if result.outcome.stopped, r.status == .ok { r.stderr += stoppedSentence(plan, scenario, english: english) }
        return r
    }

    /// What the old plan (widened to the scenario's calendar) breaks before `today`'s week under the edited
    /// scenario, by the rules that mean the edit rewrites history.
    static func historyProblems(_ padded: Plan, _ scenario: Scenario, today: CivilDate) -> [Violation] {
        let monday = today.monday
        return PlanChecker.check(padded, against: scenario).violations.filter { v in
            historyRules.contains(v.rule) && (v.week.map { $0 < monday } ?? false)
        }
    }

    /// The plan widened to `weeks` weeks (after-end weeks, no load), so it can be checked against a longer calendar.
    static func pad(_ plan: inout Plan, to weeks: Int) {
        let extra = weeks - plan.calendar.weeks
        guard extra > 0 else { return }
        let start = plan.calendar.start
        for t in plan.trainees.indices {
            for w in plan.calendar.weeks..<weeks { plan.trainees[t].weeks.append(Plan.WeekEntry(week: start.adding(days: 7 * w), activity: .afterEnd, counts: 0)) }
        }
        for u in plan.units.indices {
            plan.units[u].load += Array(repeating: 0, count: extra)
            plan.units[u].capacity = plan.units[u].capacity.map { $0 + Array(repeating: $0.last ?? 0, count: extra) }
        }
        for s in plan.staffing.indices {
            plan.staffing[s].present += Array(repeating: 0, count: extra)
            plan.staffing[s].min += Array(repeating: 0, count: extra)
            plan.staffing[s].target = plan.staffing[s].target.map { $0 + Array(repeating: 0, count: extra) }
            plan.staffing[s].shortage += Array(repeating: 0, count: extra)
        }
        plan.calendar.weeks = weeks
    }

    /// `stplan whatif BASE.yaml VARIANT.yaml…`: plans the base and each variant (two at a time) and writes the
    /// comparison (comparison.md, .html, .json) and each variant's plan.json under `out/NAME/`.
    ///
    /// `timeLimit` bounds the whole command: the plans run in rounds of two, and each gets an equal share of
    /// what is left for its round (less the time the comparison takes to write). `stop` ends every running
    /// plan with its best plan so far and skips the ones not started; `progressLine` gets a line every
    /// `progressEvery` seconds. `deterministic`: every plan counts work seconds, each round gets a fixed share of
    /// the limit, and the comparison's seconds are the plans' work seconds, so that every file is the same each run.
    public static func whatIf(base: String, variants: [String], out: String, timeLimit: Double, english: Bool, csv: CSVDialect = .excel,
                              stop: StopSignal? = nil, progressLine: (@Sendable (String) -> Void)? = nil,
                              progressEvery: Double = 5, memoryLimit: MemoryBudget? = .standard, deterministic: Bool = false) -> CommandResult {
        var r = CommandResult(status: .ok)
        guard timeLimit.isFinite, timeLimit > 0 else { r.status = .usage; r.stderr = "--time-limit must be a positive number of seconds\n"; return r }
        let whole = TimeBudget(seconds: timeLimit)
        guard let baseScenario = loadScenario(base, &r) else { return r }
        if let problem = OutputSet.problem(out: out, names: ["comparison.md", "comparison.html", "comparison.json"], inputs: [base] + variants) {
            r.status = .cannotCreate
            r.stderr += problem + "\n"
            return r
        }
        var scenarios: [(name: String, file: String, scenario: Scenario)] = [(english ? "base" : "bas", base, baseScenario)]
        for v in variants {
            do {
                let (s, warnings) = try ScenarioLoader.load(path: v, base: base)
                if !warnings.isEmpty { r.stderr += ScenarioError.text(warnings) + "\n" }
                scenarios.append((s.variant ?? v, v, s))
            } catch {
                r.stderr += error.description + "\n"
                r.status = error.unreadable ? .noInput : .dataError
                return r
            }
        }
        var names = Set<String>()
        for s in scenarios where !names.insert(slug(s.name)).inserted {
            r.status = .usage
            r.stderr = "two variants are named \(s.name); give each variant: a different name\n"
            return r
        }
        let results = Results(count: scenarios.count)
        let all = scenarios
        let workers = 2
        // Writing each plan with its reports, and the comparison: measured about 0.04 s per trainee and plan.
        let writing = 0.2 + 0.04 * Double(all.reduce(0) { $0 + $1.scenario.trainees.count })
        let progress = all.map { _ in PlanningProgress() }
        let ticker = progressLine.map { line in
            Ticker(every: progressEvery) {
                line(whatIfLine(all.map(\.name), progress, done: results.done, elapsed: whole.elapsed, left: whole.remaining, english: english))
            }
        }
        defer { ticker?.cancel() }
        // The base first, alone: every variant starts from its plan. Then the variants, two at a time.
        let rounds = [[0]] + stride(from: 1, to: all.count, by: workers).map { Array($0..<min(all.count, $0 + workers)) }
        var basePlan: Plan?
        var baseHash = ""
        for (n, members) in rounds.enumerated() {
            let share = deterministic ? max(0.5, (timeLimit - writing) / Double(rounds.count))
                : max(0.5, (whole.remaining - writing) / Double(rounds.count - n))
            let (start, hash) = (basePlan, baseHash)
            // Plans that run at once share the memory budget.
            let memoryLimit = memoryLimit.map { MemoryBudget(bytes: $0.bytes / members.count) }
            onThreads(members.count) { j in
                let i = members[j]
                results.set(i, planVariant(all[i], index: i, base: start, baseHash: hash, share: share, english: english, stop: stop, memoryLimit: memoryLimit,
                                           progress: progress[i], deterministic: deterministic))
            }
            if n == 0 {
                basePlan = results.all.first?.variant.plan
                // The replans' lineage names the base plan by its hash: encoded and hashed once for all variants.
                baseHash = basePlan.map { SHA256.hex(Data(PlanFile.encode($0).utf8)) } ?? ""
            }
        }
        let planned = results.all
        let rows = planned.map(\.variant)
        let language = ReportLanguage(english: english)
        let title = baseScenario.title
        // Each plan with its reports under out/NAME/, and the table made from the plans as stored (numbers
        // rounded as in plan.json), so that it matches the files.
        var stored = rows
        for (i, v) in rows.enumerated() {
            guard let p = v.plan else { continue }
            let dir = (out as NSString).appendingPathComponent(slug(v.name))
            var sub = CommandResult(status: .ok)
            var extra: [(path: String, text: String)] = []
            if case .replanned = v.method, let b = basePlan {
                let diff = PlanDiff.compare(b, p)
                extra = [("changes.md", ChangeReport.markdown(diff, old: b, new: p, notes: planned[i].notes, language: language)),
                         ("changes.json", ChangeReport.json(diff, old: b, new: p, notes: planned[i].notes))]
            }
            guard let outcome = planned[i].outcome else { continue }
            write(p, outcome: outcome, out: dir, english: english, reports: ReportFormat.allCases, csv: csv, today: nil, extra: extra,
                  inputs: [base] + variants, into: &sub)
            // A plan that could not be written (or read back) is not compared from a stale file of an earlier run.
            if sub.status == .cannotCreate || sub.status == .software {
                r.status = sub.status
                r.stderr += sub.stderr
                return r
            }
            if let text = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent("plan.json")) {
                stored[i].plan = try? PlanFile.decode(text)
            }
        }
        do {
            let files = [("comparison.md", WhatIfReport.markdown(stored, title: title, language: language)),
                         ("comparison.html", WhatIfReport.html(stored, title: title, language: language)),
                         ("comparison.json", WhatIfReport.json(stored))]
            // The comparison answers for its own files; each plan's folder has its own set.
            _ = try OutputSet.write(files, to: out, owned: { $0.hasPrefix("comparison.") }, inputs: [base] + variants)
            r.stdout = WhatIfReport.markdown(stored, title: title, language: language)
        } catch {
            r.status = .cannotCreate
            r.stderr += "\(error)\n"
            return r
        }
        if rows.contains(where: { $0.plan == nil }) { r.status = .noPlan }
        if stop?.isRequested == true {
            r.stderr += english ? "Stopped on request: each plan is the best found until then; plans not started are marked.\n"
                                : "Avbruten: varje plan är den bästa som hittats till dess; planer som inte hann börja är markerade.\n"
        }
        return r
    }

    /// One plan of a comparison: the base from scratch; a variant with `today:` replanned from the base plan
    /// (history before it kept, notice respected, every trainee free to move: stability `free`); any other
    /// variant from scratch with the base plan as its start, which stands where it keeps the variant's rules, so
    /// that a variant that only relaxes the base never comes out worse than it.
    static func planVariant(_ v: (name: String, file: String, scenario: Scenario), index: Int, base: Plan?, baseHash: String, share: Double, english: Bool,
                            stop: StopSignal?, memoryLimit: MemoryBudget? = .standard, progress: PlanningProgress,
                            deterministic: Bool = false) -> Planned {
        let clock = ContinuousClock()
        let t0 = clock.now
        // Deterministic, a row's seconds are the plan's work seconds (0 without a plan): the wall clock differs run to run.
        func seconds(_ outcome: PlanningOutcome?) -> Double { deterministic ? outcome?.seconds ?? 0 : (clock.now - t0).inSeconds }
        let s = v.scenario
        var method: WhatIfVariant.Method = index == 0 ? .base : .fromBase
        func failed(_ why: String) -> Planned {
            Planned(variant: WhatIfVariant(name: v.name, file: v.file, plan: nil, failure: why, seconds: seconds(nil),
                                           coursesMissed: nil, method: method), outcome: nil, notes: [])
        }
        if stop?.isRequested == true { return failed(english ? "stopped before it was planned" : "avbruten innan den planerades") }
        if index > 0 && base == nil { return failed(english ? "not planned: the base has no plan to start from" : "inte planerad: basen har ingen plan att utgå från") }
        var outcome: PlanningOutcome?
        var notes: [ReplanNote] = []
        if index > 0, let today = s.today, let base {
            method = .replanned(from: today)
            var padded = base
            pad(&padded, to: s.calendar.weeks)
            let history = historyProblems(padded, s, today: today)
            if let first = history.first {
                return failed(english ? "changes a week before its today: \(first)" : "ändrar en vecka före sitt today: \(first)")
            }
            var options = ReplanOptions(today: today, stability: .free, timeLimit: share, oldPlanHash: baseHash,
                                        stop: stop, progress: progress)
            options.memoryLimit = memoryLimit
            options.deterministic = deterministic
            do {
                let result = try Replanner(solver: GLPKSolver()).replan(old: base, scenario: s, options: options)
                outcome = result.outcome
                notes = result.notes
            } catch {
                return failed("\(error)")
            }
        } else {
            var options = PlannerOptions(timeLimit: share, stop: stop, progress: progress)
            options.start = index > 0 ? base : nil
            options.memoryLimit = memoryLimit
            options.deterministic = deterministic
            do { outcome = try Planner(solver: GLPKSolver()).plan(s, options: options) } catch let e as ModelTooLarge {
                return failed(e.description)
            } catch {
                return failed("the model could not be built: \(error)")
            }
        }
        var plan = outcome?.plan
        if plan != nil && plan?.history == nil { plan?.history = Plan.History(scenarioHash: s.sourceHash, scenarioFile: v.file) }
        let failure = plan == nil
            ? (stop?.isRequested == true && outcome == nil ? (english ? "stopped before it was planned" : "avbruten innan den planerades")
               : outcome.map { noPlanSentence($0, timeLimit: share) } ?? "the model could not be built") : nil
        let row = WhatIfVariant(name: v.name, file: v.file, plan: plan, failure: failure, seconds: seconds(outcome),
                                coursesMissed: plan.map { coursesMissed($0, s) }, method: method)
        return Planned(variant: row, outcome: outcome, notes: notes)
    }

    /// Runs `body(0..<n)` on threads of their own and waits for all. Not on Dispatch's pool: GLPK solving there
    /// on every core starved the pool, so that a Ctrl-C handler or a timer queued on it ran only after the plans.
    static func onThreads(_ n: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for j in 0..<n {
            let thread = Thread {
                body(j)
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<n { done.wait() }
    }

    /// One what-if progress line: the plans done, and each running plan's phase and objective.
    static func whatIfLine(_ names: [String], _ progress: [PlanningProgress], done: Int, elapsed: Double, left: Double, english: Bool) -> String {
        var running: [String] = []
        for (name, p) in zip(names, progress) {
            let s = p.snapshot
            guard s.trainees > 0, s.phase != .done else { continue }
            running.append("\(name) \(s.phase.name(english: english)) \(s.placed)/\(s.trainees)" + (s.objective.map { " " + PlanningProgress.decimal($0, english: english) } ?? ""))
        }
        let head = String(format: "[%.0f s] ", elapsed)
        let rest = String(format: "%.0f s", max(0, left))
        return english
            ? head + "what-if: \(done)/\(names.count) plans done" + (running.isEmpty ? "" : "; " + running.joined(separator: "; ")) + ", \(rest) left"
            : head + "jämförelse: \(done)/\(names.count) planer klara" + (running.isEmpty ? "" : "; " + running.joined(separator: "; ")) + ", \(rest) kvar"
    }

    /// A directory name for a variant: letters and digits kept, the rest as `-`.
    static func slug(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// Required courses (trainee × course, less those done) the plan does not hold.
    static func coursesMissed(_ plan: Plan, _ s: Scenario) -> Int {
        var missed = 0
        for t in s.trainees {
            guard let program = s.program(t.program), let tp = plan.trainees.first(where: { $0.id == t.id }) else { continue }
            for c in program.courses where !t.done.contains(c.course) && !tp.weeks.contains(where: { $0.courses.contains(c.course) }) { missed += 1 }
        }
        return missed
    }

    /// One plan of a comparison: its row, and the planner's account and notes for its reports.
    struct Planned: Sendable {
        var variant: WhatIfVariant
        var outcome: PlanningOutcome?
        var notes: [ReplanNote]
    }

    /// The variants' results, filled from several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var rows: [Planned?]
        init(count: Int) { rows = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: Planned) { lock.lock(); rows[i] = v; lock.unlock() }
        var done: Int { lock.lock(); defer { lock.unlock() }; return rows.filter { $0 != nil }.count }
        var all: [Planned] { lock.lock(); defer { lock.unlock() }; return rows.compactMap { $0 } }
    }
}

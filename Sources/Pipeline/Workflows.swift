import Foundation
import GLPKBackend
import LinearModel
import PlanCheck
import Planning
import Reports
import ScenarioFormat
import STCore

/// Exit codes of `stplan` (sysexits-style where one fits).
public enum ExitStatus: Int32, Sendable {
    /// A plan was written / the file is valid / the plan passes.
    case ok = 0
    /// `stplan check`: a hard rule is broken.
    case violations = 1
    /// No plan: infeasible, or no solution within the time limit.
    case noPlan = 2
    /// Bad command line.
    case usage = 64
    /// Bad data in the scenario or plan file.
    case dataError = 65
    /// An input file cannot be read (missing, a directory, too large).
    case noInput = 66
    /// An internal error (a bug: please report it).
    case software = 70
    /// An output file cannot be written.
    case cannotCreate = 73
}

/// How progress is printed while planning: a line of plain words for a person, or a line of JSON
/// (``PlanningProgress/Reading``) for a program that follows the run, such as the workbench.
public enum ProgressFormat: String, Sendable, CaseIterable {
    case text, json
}

/// What a command printed and how it ended; the executable writes it out, tests read it.
public struct CommandResult: Sendable {
    public var status: ExitStatus
    public var stdout: String = ""
    public var stderr: String = ""
}

/// The commands' work, independent of argument parsing.
public enum Workflows {
    static func loadScenario(_ path: String, _ r: inout CommandResult) -> Scenario? {
        do {
            let (scenario, warnings) = try ScenarioLoader.load(path: path)
            if !warnings.isEmpty { r.stderr += ScenarioError.text(warnings) + "\n" }
            return scenario
        } catch {
            r.stderr += error.description + "\n"
            r.status = error.unreadable ? .noInput : .dataError
            return nil
        }
    }

    /// `stplan validate FILE`
    public static func validate(path: String) -> CommandResult {
        var r = CommandResult(status: .ok)
        guard let s = loadScenario(path, &r) else { return r }
        r.stdout = "\(path): valid — \(s.trainees.count) trainees, \(s.units.count) units, \(s.courses.count) courses, \(s.calendar.weeks) weeks from \(s.calendar.start)\n"
        return r
    }

    /// `stplan plan FILE`
    ///
    /// `stop` ends the search early with the best plan so far (the command's SIGINT/SIGTERM handler requests it);
    /// `progressLine`, when given, receives a progress line every `progressEvery` seconds while planning.
    /// `deterministic` makes `timeLimit` a work limit (``PlannerOptions/deterministic``): the same plan.json every run.
    public static func plan(path: String, out: String, timeLimit: Double, gap: Double, verbose: Bool, english: Bool,
                            reports: [ReportFormat] = ReportFormat.allCases, csv: CSVDialect = .excel, today: CivilDate? = nil,
                            stop: StopSignal? = nil, progressLine: (@Sendable (String) -> Void)? = nil,
                            progressEvery: Double = 5, progressFormat: ProgressFormat = .text,
                            memoryLimit: MemoryBudget? = .standard, deterministic: Bool = false) -> CommandResult {
        var r = CommandResult(status: .ok)
        guard timeLimit.isFinite, timeLimit > 0 else { r.status = .usage; r.stderr = "--time-limit must be a positive number of seconds\n"; return r }
        guard gap.isFinite, gap >= 0 else { r.status = .usage; r.stderr = "--gap must be 0 or more (0.01 means 1 %)\n"; return r }
        guard let scenario = loadScenario(path, &r) else { return r }
        // --out is checked before the solve, not after it.
        if let problem = OutputSet.problem(out: out, names: ["plan.json"] + ReportWriter.fixedNames, inputs: [path]) {
            r.status = .cannotCreate
            r.stderr += problem + "\n"
            return r
        }
        let outcome: PlanningOutcome
        let progress = PlanningProgress()
        let ticker = progressLine.map { Self.ticker(progress, every: progressEvery, timeLimit: timeLimit, english: english, format: progressFormat, $0) }
        defer { ticker?.cancel() }
        do {
            var options = PlannerOptions(timeLimit: timeLimit, relativeGap: gap, stop: stop, progress: progress,
                                         outputReserve: outputSeconds(scenario, reports: !reports.isEmpty))
            options.memoryLimit = memoryLimit
            options.deterministic = deterministic
            outcome = try Planner(solver: GLPKSolver()).plan(scenario, options: options)
        } catch let e as ModelTooLarge {
            r.status = .noPlan
            r.stderr += "No plan: \(e)\n"
            return r
        } catch {
            r.status = .software
            r.stderr += "stplan could not build or solve the model: \(error)\n"
            return r
        }
        if verbose { r.stderr += outcome.log }
        guard var plan = outcome.plan else {
            r.status = .noPlan
            r.stderr += "No plan: " + noPlanSentence(outcome, timeLimit: timeLimit) + "\n"
            r.stderr += explanationText(outcome)
            return r
        }
        plan.history = Plan.History(scenarioHash: scenario.sourceHash, scenarioFile: path)
        write(plan, outcome: outcome, out: out, english: english, reports: reports, csv: csv, today: today, inputs: [path], into: &r)
        if outcome.stopped, r.status == .ok { r.stderr += stoppedSentence(plan, scenario, english: english) }
        return r
    }

    /// The seconds that writing a plan of `scenario` takes after the search (plan.json, read back, and the
    /// reports when asked for), kept inside the time limit. For 160 trainees over 340 weeks (54 400
    /// trainee-weeks) `stplan plan` took 0.5 s for plan.json and its reading back and 1.2–1.8 s more for the
    /// reports; 26 µs a trainee-week (52 µs with the reports) leaves room for a busy machine; at least 0.2 s.
    static func outputSeconds(_ scenario: Scenario, reports: Bool) -> Double {
        max(0.2, Double(scenario.trainees.count * scenario.calendar.weeks) * (reports ? 52e-6 : 26e-6))
    }

    /// What a stopped run says: the best plan so far is written, and whether the checker passes it.
    static func stoppedSentence(_ plan: Plan, _ scenario: Scenario, english: Bool) -> String {
        let verdict = PlanChecker.check(plan, against: scenario).passed
        return english
            ? "Stopped on request: the best plan found so far is written; the checker \(verdict ? "passes it" : "finds broken rules in it (run stplan check)").\n"
            : "Avbruten: den bästa planen hittills är skriven; kontrollen \(verdict ? "godkänner den" : "hittar brutna regler (kör stplan check)").\n"
    }

    /// Prints `progress` through `line` every `every` seconds until cancelled.
    static func ticker(_ progress: PlanningProgress, every: Double, timeLimit: Double, english: Bool, format: ProgressFormat = .text,
                       _ line: @escaping @Sendable (String) -> Void) -> Ticker {
        let start = Date()
        return Ticker(every: every) {
            let elapsed = Date().timeIntervalSince(start)
            switch format {
            case .text: line(progress.line(elapsed: elapsed, left: timeLimit - elapsed, english: english))
            case .json: line(progress.json(elapsed: elapsed, left: timeLimit - elapsed))
            }
        }
    }

    /// Calls `tick` every `every` seconds on a thread of its own (a busy Dispatch pool, as when GLPK solves on every
    /// core, could starve a timer there), until ``cancel()``.
    final class Ticker: @unchecked Sendable {
        private let condition = NSCondition()
        private var cancelled = false
        init(every: Double, tick: @escaping @Sendable () -> Void) {
            let thread = Thread { [self] in
                var next = Date().addingTimeInterval(every)
                while true {
                    condition.lock()
                    while !cancelled, Date() < next { _ = condition.wait(until: next) }
                    let stop = cancelled
                    condition.unlock()
                    if stop { return }
                    tick()
                    next = next.addingTimeInterval(every)
                }
            }
            thread.start()
        }
        func cancel() {
            condition.lock()
            cancelled = true
            condition.signal()
            condition.unlock()
        }
    }

    /// Writes plan.json and the reports as one set (``OutputSet``) and prints the summary (shared by plan and replan).
    static func write(_ plan: Plan, outcome: PlanningOutcome, out: String, english: Bool, reports: [ReportFormat], csv: CSVDialect = .excel,
                      today: CivilDate?, extra: [(path: String, text: String)] = [], inputs: [String], into r: inout CommandResult) {
        let text = PlanFile.encode(plan)
        var files: [(path: String, text: String)] = [("plan.json", text)]
        do {
            // The reports are made from the plan as stored (numbers rounded as in plan.json), so that
            // `stplan report` on the file gives the same bytes.
            let stored = try PlanFile.decode(Data(text.utf8))
            files += ReportWriter.files(stored, formats: reports, today: today ?? ReportWriter.today(), language: ReportLanguage(english: english), csv: csv)
        } catch {
            // A bug in stplan, but the plan found is not thrown away: plan.json is written without the reports.
            r.status = .software
            r.stderr += "the plan cannot be read back, which is a bug in stplan (please report it): \(error)\n"
            if let written = try? OutputSet.write([("plan.json", text)], to: out, inputs: inputs) {
                r.stderr += "plan.json is written (\(written.joined())), without the reports\n"
            }
            return
        }
        files += extra
        let written: [String]
        do { written = try OutputSet.write(files, to: out, inputs: inputs) } catch {
            r.status = .cannotCreate
            r.stderr += "\(error)\n"
            return
        }
        let planPath = (out as NSString).appendingPathComponent("plan.json")
        r.stdout = Summary.text(plan, english: english)
        if outcome.rows > 0 {
            r.stdout += english ? "\nModel: \(outcome.rows) rows, \(outcome.columns) columns, \(outcome.nonZeros) non-zeros\n"
                                : "\nModell: \(outcome.rows) rader, \(outcome.columns) kolumner, \(outcome.nonZeros) nollskilda koefficienter\n"
        }
        r.stdout += "\(english ? "Written" : "Skrivet"): \(planPath)"
        if written.count > 1 { r.stdout += " \(english ? "and" : "och") \(written.count - 1) \(english ? "report files" : "rapportfiler")" }
        r.stdout += "\n"
        if !outcome.calendarProblems.isEmpty {
            // The rotation plan stands; the supervision calendar does not fit the supervisors' hours.
            r.status = .noPlan
            r.stderr += "The plan is written, but supervision does not fit:\n"
            r.stderr += outcome.calendarProblems.map { "  - \($0)\n" }.joined()
        }
    }

    /// `stplan report PLAN.json`
    public static func report(planPath: String, formats: [ReportFormat], out: String, english: Bool, today: CivilDate?,
                              csv: CSVDialect = .excel, trainee: String? = nil) -> CommandResult {
        var r = CommandResult(status: .ok)
        let plan: Plan
        do { plan = try PlanFile.read(path: planPath) } catch {
            r.status = error.unreadable ? .noInput : .dataError
            r.stderr = error.description + "\n"
            return r
        }
        if let trainee, !plan.trainees.contains(where: { $0.id == trainee }) {
            r.status = .dataError
            r.stderr = "\(planPath): no trainee \"\(trainee)\" in the plan; its trainees are \(plan.trainees.map(\.id).joined(separator: ", "))\n"
            return r
        }
        do {
            // `report` answers for the reports it writes, never for the plan.json it reads (often in the same folder).
            let files = ReportWriter.files(plan, formats: formats, today: today ?? ReportWriter.today(), language: ReportLanguage(english: english),
                                           csv: csv, trainee: trainee)
            let owned: (String) -> Bool = { path in trainee == nil && ReportWriter.format(of: path).map(formats.contains) == true }
            let paths = try OutputSet.write(files, to: out, owned: owned, inputs: [planPath])
            r.stdout = paths.map { $0 + "\n" }.joined()
        } catch {
            r.status = .cannotCreate
            r.stderr = "\(error)\n"
        }
        return r
    }

    static func noPlanSentence(_ o: PlanningOutcome, timeLimit: Double) -> String {
        switch o.status {
        case .infeasible:
            return "the scenario's hard rules cannot all hold at once."
        case .timeLimitNoSolution where o.stopped:
            return "the search was stopped before a first plan existed."
        case .timeLimitNoSolution:
            // To a tenth of a second: a what-if plan's limit is its share of the command's, such as 63.4149 s.
            return "GLPK found no plan within the time limit of \(JSONValue.format((timeLimit * 10).rounded() / 10)) s; try a longer --time-limit."
        case .unbounded:
            return "the model is unbounded, which is a bug in stplan; please report it with the scenario."
        default:
            return "the solver failed."
        }
    }

    /// The reasons, the supply-and-demand lines and the elastic model's relaxations, for the user.
    static func explanationText(_ o: PlanningOutcome) -> String {
        var out = ""
        if !o.reasons.isEmpty {
            out += "Why:\n"
            for reason in o.reasons { out += "  - \(reason)\n" }
        }
        if let e = o.explanation {
            if !e.balances.isEmpty {
                out += "Supply and demand:\n"
                for b in e.balances { out += "  \(b.short ? "!" : " ") \(b.text)\n" }
            }
            if !e.relaxations.isEmpty {
                out += "Smallest relaxations that give a plan (elastic model, \(e.elasticStatus ?? "-")):\n"
                for x in e.relaxations { out += "  - \(x.path): \(x.text)\n" }
            } else if let skipped = e.elasticSkipped {
                out += "No relaxations: \(skipped); see the reasons above.\n"
            } else if let s = e.elasticStatus {
                out += "The elastic model found no relaxation of capacities, seats or requirements (\(s)); see the reasons above.\n"
            }
        }
        return out
    }

    /// `stplan export-model FILE --lp|--mps OUT`
    public static func exportModel(path: String, mps: Bool, out: String) -> CommandResult {
        var r = CommandResult(status: .ok)
        guard let scenario = loadScenario(path, &r) else { return r }
        if OutputSet.resolved(out) == OutputSet.resolved(path) {
            r.status = .cannotCreate
            r.stderr = "\(out) is the scenario itself; export-model never overwrites its input: name another file\n"
            return r
        }
        do {
            let model = try Planner(solver: GLPKSolver()).model(scenario)
            try (mps ? ModelExport.mps(model) : ModelExport.lp(model)).write(toFile: out, atomically: true, encoding: .utf8)
            r.stdout = "\(out): \(model.rows.count) rows, \(model.variables.count) columns, \(model.nonZeroCount) non-zeros (\(mps ? "free MPS" : "CPLEX LP"))\n"
        } catch let e as PlanningError {
            r.status = .software
            r.stderr = "\(e)\n"
        } catch {
            r.status = .cannotCreate
            r.stderr = "cannot write \(out): \(OutputSet.reason(error))\n"
        }
        return r
    }

    /// `stplan check PLAN --scenario FILE`
    public static func check(planPath: String, scenarioPath: String) -> CommandResult {
        var r = CommandResult(status: .ok)
        guard let scenario = loadScenario(scenarioPath, &r) else { return r }
        let plan: Plan
        do {
            plan = try PlanFile.read(path: planPath)
        } catch {
            r.status = error.unreadable ? .noInput : .dataError
            r.stderr += "\(error)\n"
            return r
        }
        if let made = plan.history?.scenarioHash, made != scenario.sourceHash {
            // Not an error: a plan is often checked against an edited scenario (a what-if). But say it.
            r.stderr += "note: \(planPath) was made for another version of the scenario (its history.scenarioHash is not that of \(scenarioPath)); it is judged against \(scenarioPath) as it is now\n"
        }
        let report = PlanChecker.check(plan, against: scenario)
        for v in report.violations { r.stdout += "BROKEN \(v)\n" }
        for s in report.soft { r.stdout += "soft   \(s)\n" }
        let cost = report.soft.reduce(0) { $0 + $1.cost }
        r.stdout += report.passed
            ? "\(planPath): every hard rule holds; soft cost \(JSONValue.format(cost))\n"
            : "\(planPath): \(report.violations.count) hard rule\(report.violations.count == 1 ? "" : "s") broken\n"
        r.status = report.passed ? .ok : .violations
        return r
    }
}

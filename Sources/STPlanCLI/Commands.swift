import ArgumentParser
import Foundation
import LinearModel
import Pipeline
import Planning
import Reports
import STCore
import Workbench

/// The `stplan` command line: thin wrappers around ``Workflows``.
public struct STPlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stplan",
        abstract: "ST-planeraren: plans Swedish specialist training (ST) for a cohort with GLPK.",
        discussion: """
        Exit codes: 0 done, 1 check found a broken rule, 2 no plan (infeasible or no solution in time),
        64 usage, 65 bad data, 66 unreadable input, 70 internal error, 73 cannot write output.
        """,
        subcommands: [PlanCommand.self, ReplanCommand.self, WhatIfCommand.self, ValidateCommand.self, CheckCommand.self, ReportCommand.self, ExportModelCommand.self, ServeCommand.self])
    public init() {}
}

func emit(_ r: CommandResult) throws {
    if !r.stdout.isEmpty { FileHandle.standardOutput.write(Data(r.stdout.utf8)) }
    if !r.stderr.isEmpty { FileHandle.standardError.write(Data(r.stderr.utf8)) }
    if r.status != .ok { throw ExitCode(r.status.rawValue) }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Plan a scenario and write plan.json and every report (plan.md, plan.html, CSV, iCalendar).",
        discussion: """
        Examples:
          stplan plan Scenarios/example.yaml --out out/
          stplan plan Scenarios/example.yaml --time-limit 30 --gap 0.01 --verbose
        """)
    @Argument(help: "The scenario file (YAML).") var file: String
    @Option(help: "Directory for plan.json and the reports.") var out: String = "out"
    @Option(name: .customLong("time-limit"), help: "Seconds the solve may take.") var timeLimit: Double = 60
    @Option(help: "Relative MIP gap at which to stop, e.g. 0.01 for 1 %.") var gap: Double = 0
    @Flag(help: "Print GLPK's log to standard error.") var verbose = false
    @Option(help: "Language of the summary and reports: sv or en.") var lang: String = "sv"
    @Flag(name: .customLong("no-reports"), help: "Write plan.json only.") var noReports = false
    @Option(help: "CSV form: excel (semicolons, decimal comma, UTF-8 with BOM, for Swedish Excel) or rfc4180 (commas, ids).") var csv: String = "excel"
    @Option(name: .customLong("memory-limit"), help: "GiB of memory the run may take; a cohort whose model is estimated above it is refused before it is built.")
    var memoryLimit: Double = 8
    @Flag(help: "Reproducible: --time-limit counts work seconds (simplex iterations and nodes, estimated) instead of wall seconds, so the same scenario gives the same plan.json, byte for byte, under any load (with the same build of stplan and GLPK); the wall time varies instead.")
    var deterministic = false
    @Option(help: ArgumentHelp("How progress is printed: text, or json (one line of JSON a second, for the workbench).", visibility: .hidden))
    var progress: ProgressFormat = .text

    func validate() throws {
        guard ["sv", "en"].contains(lang) else { throw ValidationError("--lang takes sv or en") }
        try validateCSV(csv)
        guard MemoryBudget(gibibytes: memoryLimit) != nil else { throw ValidationError("--memory-limit takes 0.25 to 1024 (GiB)") }
    }

    func run() throws {
        let (stop, handlers) = stopOnSignals()
        defer { handlers.forEach { $0.cancel() } }
        try emit(Workflows.plan(path: file, out: out, timeLimit: timeLimit, gap: gap, verbose: verbose, english: lang == "en",
                                reports: noReports ? [] : ReportFormat.allCases, csv: CSVDialect(rawValue: csv)!, stop: stop, progressLine: printProgress,
                                progressEvery: progress.every, progressFormat: progress,
                                memoryLimit: MemoryBudget(gibibytes: memoryLimit), deterministic: deterministic))
    }
}

extension ProgressFormat: ExpressibleByArgument {
    /// Seconds between progress lines: a person reads one every 5 s, the workbench's live view wants one a second.
    var every: Double { self == .json ? 1 : 5 }
}

/// `--csv` takes a ``CSVDialect``'s name.
func validateCSV(_ value: String) throws {
    guard CSVDialect(rawValue: value) != nil else { throw ValidationError("--csv takes excel or rfc4180, not \(value)") }
}

/// Ctrl-C or SIGTERM stops the search of `plan`, `replan` and `whatif`; the best plan so far is written and checked.
/// The handlers live as long as the returned sources.
func stopOnSignals() -> (StopSignal, [DispatchSourceSignal]) {
    let stop = StopSignal()
    let handlers = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
        signal(sig, SIG_IGN)
        // A queue of its own (overcommitting): the global pool may be busy with solves when the signal comes.
        let source = DispatchSource.makeSignalSource(signal: sig, queue: signalQueue)
        source.setEventHandler { stop.request() }
        source.resume()
        return source
    }
    return (stop, handlers)
}

private let signalQueue = DispatchQueue(label: "stplan.signals")

/// Writes a progress line to standard error.
@Sendable func printProgress(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan", abstract: "Replan after a change (leave, extension, capacity, course, trainee) with the fewest changes.",
        discussion: """
        Weeks before --today's week are kept exactly; a rotation running at --today runs on where it can, and
        rotations at other units starting within their lead_weeks stay booked where they can. Writes plan.json
        (with the replan in its history), the reports, changes.md and changes.json.
        --stability strict: fewest changes among plans no worse on extension and staffing shortage than the best
        found by re-planning only the trainees the change touches; balanced (default): no worse than the best found
        with everyone free, and the whole objective within 5 %; free: the best objective found.
        Examples:
          stplan replan out/plan.json --scenario Scenarios/whatif/foraldraledighet.yaml --out out/replan
          stplan replan out/plan.json --scenario edited.yaml --today 2028-03-06 --stability strict
        """)
    @Argument(help: "The old plan (plan.json).") var plan: String
    @Option(help: "The edited scenario (a whole scenario or a variant file with base:).") var scenario: String
    @Option(help: "The first day that may change (YYYY-MM-DD; default: the variant's today:).") var today: String?
    @Option(help: "Output directory.") var out: String = "out/replan"
    @Option(name: .customLong("time-limit"), help: "Seconds the replan may take.") var timeLimit: Double = 10
    @Option(help: "strict, balanced or free.") var stability: String = "balanced"
    @Option(help: "Language of the summary and reports: sv or en.") var lang: String = "sv"
    @Flag(name: .customLong("no-reports"), help: "Write plan.json and the change report only.") var noReports = false
    @Flag(help: "Print the replan's log to standard error.") var verbose = false
    @Option(help: "CSV form: excel (semicolons, decimal comma, UTF-8 with BOM, for Swedish Excel) or rfc4180 (commas, ids).") var csv: String = "excel"
    @Option(name: .customLong("memory-limit"), help: "GiB of memory the run may take; a cohort whose model is estimated above it is refused before it is built.")
    var memoryLimit: Double = 8
    @Flag(help: "Reproducible: --time-limit counts work seconds instead of wall seconds, so the same inputs give the same plan.json and change report, byte for byte.")
    var deterministic = false
    @Option(help: ArgumentHelp("How progress is printed: text, or json (one line of JSON a second, for the workbench).", visibility: .hidden))
    var progress: ProgressFormat = .text

    func validate() throws {
        guard MemoryBudget(gibibytes: memoryLimit) != nil else { throw ValidationError("--memory-limit takes 0.25 to 1024 (GiB)") }
        guard ["sv", "en"].contains(lang) else { throw ValidationError("--lang takes sv or en") }
        guard Stability(rawValue: stability) != nil else { throw ValidationError("--stability takes strict, balanced or free, not \(stability)") }
        if let t = today, CivilDate(iso: t) == nil { throw ValidationError("--today takes a date as YYYY-MM-DD, not \(t)") }
        try validateCSV(csv)
    }

    func run() throws {
        let (stop, handlers) = stopOnSignals()
        defer { handlers.forEach { $0.cancel() } }
        try emit(Workflows.replan(planPath: plan, scenarioPath: scenario, today: today.flatMap(CivilDate.init(iso:)), out: out, timeLimit: timeLimit,
                                  stability: Stability(rawValue: stability)!, english: lang == "en", reports: noReports ? [] : ReportFormat.allCases,
                                  csv: CSVDialect(rawValue: csv)!, verbose: verbose, stop: stop, progressLine: printProgress,
                                  progressEvery: progress.every, progressFormat: progress,
                                  memoryLimit: MemoryBudget(gibibytes: memoryLimit), deterministic: deterministic))
    }
}

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif", abstract: "Plan a base scenario and variants of it, and compare them side by side.",
        discussion: """
        A variant is a small YAML file with variant:, base: and the keys it changes (see the README). The base
        is planned first; a variant with today: is then replanned from the base plan (the weeks before that day
        kept), any other is planned with the base plan as its start, two at a time, within --time-limit for the
        whole command (each round gets an equal share). comparison.md, comparison.html and comparison.json, and
        each plan with its reports, are written under --out; a difference from the base within the gap is marked
        as noise. Ctrl-C keeps each running plan's best so far.
        Example:
          stplan whatif Scenarios/example.yaml Scenarios/whatif/iva-tar-tva.yaml Scenarios/whatif/nya-st.yaml --time-limit 20
        """)
    @Argument(help: "The base scenario.") var base: String
    @Argument(help: "Variant files.") var variants: [String]
    @Option(help: "Output directory.") var out: String = "out/whatif"
    @Option(name: .customLong("time-limit"), help: "Seconds the whole comparison may take (shared by the plans).") var timeLimit: Double = 60
    @Option(help: "Language: sv or en.") var lang: String = "sv"
    @Option(help: "CSV form: excel (semicolons, decimal comma, UTF-8 with BOM, for Swedish Excel) or rfc4180 (commas, ids).") var csv: String = "excel"
    @Option(name: .customLong("memory-limit"), help: "GiB of memory the comparison may take (plans that run at once share it); a cohort whose model is estimated above it is refused before it is built.")
    var memoryLimit: Double = 8
    @Flag(help: "Reproducible: --time-limit counts work seconds instead of wall seconds and each round gets a fixed share, so the same inputs give the same plans and comparison, byte for byte.")
    var deterministic = false

    func validate() throws {
        guard MemoryBudget(gibibytes: memoryLimit) != nil else { throw ValidationError("--memory-limit takes 0.25 to 1024 (GiB)") }
        guard ["sv", "en"].contains(lang) else { throw ValidationError("--lang takes sv or en") }
        try validateCSV(csv)
        guard !variants.isEmpty else { throw ValidationError("give at least one variant file after the base") }
    }

    func run() throws {
        let (stop, handlers) = stopOnSignals()
        defer { handlers.forEach { $0.cancel() } }
        try emit(Workflows.whatIf(base: base, variants: variants, out: out, timeLimit: timeLimit, english: lang == "en",
                                  csv: CSVDialect(rawValue: csv)!, stop: stop, progressLine: printProgress,
                                  memoryLimit: MemoryBudget(gibibytes: memoryLimit), deterministic: deterministic))
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write reports from plan.json alone: md, csv, html, ics.",
        discussion: """
        Examples:
          stplan report out/plan.json --format html --out out/
          stplan report out/plan.json --format md --format ics --lang en --out rapporter/
          stplan report out/plan.json --trainee anna --out out/     (Anna's IUP: iup/anna.md and iup/anna.html)
        """)
    @Argument(help: "The plan file (plan.json).") var plan: String
    @Option(help: "md, csv, html or ics (repeatable; default all).") var format: [String] = []
    @Option(help: "Output directory.") var out: String = "out"
    @Option(help: "Language: sv or en.") var lang: String = "sv"
    @Option(help: "The date marked as today (YYYY-MM-DD; default the current date).") var today: String?
    @Option(help: "Write only this trainee's individual training plan (IUP), by id.") var trainee: String?
    @Option(help: "CSV form: excel (semicolons, decimal comma, UTF-8 with BOM, for Swedish Excel) or rfc4180 (commas, ids).") var csv: String = "excel"

    func validate() throws {
        guard ["sv", "en"].contains(lang) else { throw ValidationError("--lang takes sv or en") }
        for f in format where ReportFormat(rawValue: f) == nil { throw ValidationError("--format takes md, csv, html or ics, not \(f)") }
        try validateCSV(csv)
        if let t = today, CivilDate(iso: t) == nil { throw ValidationError("--today takes a date as YYYY-MM-DD, not \(t)") }
    }

    func run() throws {
        let formats = format.isEmpty ? ReportFormat.allCases : format.compactMap(ReportFormat.init(rawValue:))
        try emit(Workflows.report(planPath: plan, formats: formats, out: out, english: lang == "en", today: today.flatMap(CivilDate.init(iso:)),
                                  csv: CSVDialect(rawValue: csv)!, trainee: trainee))
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a scenario file and list every problem with its line and key path.",
        discussion: """
        Exits 0 when the file is valid, 65 when it has errors, 66 when it cannot be read.
        Example:
          stplan validate Scenarios/example.yaml
        """)
    @Argument(help: "The scenario file (YAML).") var file: String
    func run() throws { try emit(Workflows.validate(path: file)) }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a plan against its scenario, independently of the planner.",
        discussion: """
        Lists every broken hard rule (exit 1) and every soft shortfall with its cost.
        Example:
          stplan check out/plan.json --scenario Scenarios/example.yaml
        """)
    @Argument(help: "The plan file (plan.json).") var plan: String
    @Option(help: "The scenario the plan was made for.") var scenario: String
    func run() throws { try emit(Workflows.check(planPath: plan, scenarioPath: scenario)) }
}

struct ExportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model", abstract: "Write the planning model as CPLEX LP or free MPS for other solvers.",
        discussion: """
        Examples:
          stplan export-model Scenarios/example.yaml --lp model.lp
          stplan export-model Scenarios/example.yaml --mps model.mps && glpsol --freemps model.mps
        """)
    @Argument(help: "The scenario file (YAML).") var file: String
    @Flag(help: "Write CPLEX LP format.") var lp = false
    @Flag(help: "Write free MPS format.") var mps = false
    @Argument(help: "The output file.") var out: String
    func validate() throws {
        guard lp != mps else { throw ValidationError("give exactly one of --lp and --mps") }
    }
    func run() throws { try emit(Workflows.exportModel(path: file, mps: mps, out: out)) }
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Start the workbench: a local web app over a folder of scenarios and their plans.",
        discussion: """
        Listens on 127.0.0.1 (this machine only) and prints the address to open. Plans are kept beside the
        scenarios in DIR/.stplan/. Another --host makes it reachable from other machines and needs --token,
        a secret that every request must carry (the printed address includes it).
        Examples:
          stplan serve Scenarios/
          stplan serve ~/st-planering --port 8090
        """)
    @Argument(help: "The workspace folder of scenario files (YAML).") var folder: String = "."
    @Option(help: "Port to listen on (0: any free port).") var port: Int = 8080
    @Option(help: "Address to listen on; other than loopback needs --token.") var host: String = "127.0.0.1"
    @Option(help: "Secret of at least 16 characters that every request must carry (needed with --host).") var token: String?

    func run() throws {
        // The runs start this very executable: Bundle's path, or Linux's /proc/self/exe.
        let candidates: [String?] = [Bundle.main.executableURL?.resolvingSymlinksInPath().path,
                          URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path]
        let binary = candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? CommandLine.arguments[0]
        let options = WorkbenchOptions(folder: folder, host: host, port: port, token: token, binary: binary)
        if let problem = options.problem { throw ValidationError(problem) }
        let host = self.host, token = self.token
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await WorkbenchServer.run(options) { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    let address = "http://\(shown):\(port)/" + (token.map { "?token=\($0)" } ?? "")
                    printProgress("ST-planeraren: arbetsbänken är öppen på \(address) (Ctrl-C stänger den)")
                }
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = outcome.message {
            FileHandle.standardError.write(Data("stplan serve: \(message)\n".utf8))
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
    }
}

/// How the server ended, from its task to the command.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var _message: String?
    var message: String? { lock.withLock { _message } }
    func set(_ m: String) { lock.withLock { _message = m } }
}

import Foundation
import Planning
#if canImport(Glibc)
import Glibc
#endif

/// One run of `stplan` (a plan or a replan) that the workbench started: queued, running or ended, with its latest
/// progress. Read from the pages while the queue's worker changes it.
public final class Job: @unchecked Sendable {
    /// Where the run is.
    public enum State: String, Sendable {
        case queued, running, finished, failed, cancelled
        /// The state in plain words.
        public func name(english: Bool) -> String {
            switch self {
            case .queued: english ? "waiting in the queue" : "väntar i kön"
            case .running: english ? "planning" : "planerar"
            case .finished: english ? "done" : "klar"
            case .failed: english ? "failed" : "misslyckades"
            case .cancelled: english ? "stopped" : "avbruten"
            }
        }
        /// Whether the run has ended.
        public var ended: Bool { self == .finished || self == .failed || self == .cancelled }
    }

    /// The job's number, counted from 1 since the server started.
    public let id: Int
    /// The scenario it plans, and the run it writes (a plan, or a what-if comparison).
    public let scenario: String
    public let planNumber: Int
    public let area: Workspace.Area
    let arguments: [String]
    /// The scenario `stplan check` judges the written plan against; nil when the run writes no single plan.
    let checkScenario: String?
    let folder: String

    private let lock = NSLock()
    private var _state = State.queued
    private var _reading: PlanningProgress.Reading?
    private var _lastLine: String?
    private var _stopRequested = false
    private var process: Process?

    init(id: Int, scenario: String, planNumber: Int, area: Workspace.Area, folder: String, checkScenario: String?, arguments: [String]) {
        self.id = id
        self.scenario = scenario
        self.planNumber = planNumber
        self.area = area
        self.folder = folder
        self.checkScenario = checkScenario
        self.arguments = arguments
    }

    /// The address of the run's result page.
    public var resultPath: String { "/s/\(HTML.pathPart(scenario))/\(area.rawValue)/\(planNumber)" }

    /// The state now.
    public var state: State { lock.withLock { _state } }
    /// The latest progress reading of the run, when it has printed one.
    public var reading: PlanningProgress.Reading? { lock.withLock { _reading } }
    /// The latest other line the run printed (a what-if prints its progress as words).
    public var lastLine: String? { lock.withLock { _lastLine } }
    func set(line: String) { lock.withLock { _lastLine = line } }

    func set(_ state: State) { lock.withLock { _state = state } }
    func set(_ reading: PlanningProgress.Reading) { lock.withLock { _reading = reading } }

    /// Asks the run to stop: a queued job is dropped, a running one gets SIGINT and writes its best plan so far.
    /// A second request kills a run that has not stopped (a stage that does not answer SIGINT would hold the queue).
    func requestStop() {
        lock.withLock {
            let again = _stopRequested
            _stopRequested = true
            if _state == .queued { _state = .cancelled }
            if let p = process, p.isRunning {
                if again { kill(p.processIdentifier, SIGKILL) } else { p.interrupt() }
            }
        }
    }
    var stopRequested: Bool { lock.withLock { _stopRequested } }

    /// Starts `p` unless a stop came first.
    func launch(_ p: Process) throws -> Bool {
        try lock.withLock {
            guard !_stopRequested else { return false }
            try p.run()
            process = p
            _state = .running
            return true
        }
    }
}

/// The planning runs of the workbench, one at a time in the order asked (the machine has few cores and a solve
/// takes one), each in a process of its own: a run that crashes ends as a failed job, never the server.
public final class JobQueue: @unchecked Sendable {
    /// The `stplan` executable the runs start.
    public let binary: String
    let workspace: Workspace
    private let condition = NSCondition()
    private var waiting: [Job] = []
    private var all: [Int: Job] = [:]
    private var nextID = 1

    /// A queue whose worker thread starts now.
    public init(binary: String, workspace: Workspace) {
        self.binary = binary
        self.workspace = workspace
        let thread = Thread { [self] in work() }
        thread.name = "stplan-jobs"
        thread.start()
    }

    /// The job `id`, when there is one.
    public func job(_ id: Int) -> Job? { condition.withLock { all[id] } }

    /// The jobs of `scenario` not yet ended, in the order they run.
    public func pending(_ scenario: String) -> [Job] {
        condition.withLock { all.values.filter { $0.scenario == scenario && !$0.state.ended }.sorted { $0.id < $1.id } }
    }

    /// Queues a run of `stplan ARGUMENTS` that writes run `planNumber` of `scenario` in `area` into `folder`; its plan is
    /// checked against `checkScenario` when given.
    func submit(scenario: String, planNumber: Int, area: Workspace.Area = .plans, folder: String, checkScenario: String?,
                arguments: [String]) -> Job {
        condition.withLock {
            let job = Job(id: nextID, scenario: scenario, planNumber: planNumber, area: area, folder: folder,
                          checkScenario: checkScenario, arguments: arguments)
            nextID += 1
            all[job.id] = job
            waiting.append(job)
            condition.signal()
            return job
        }
    }

    /// Stops job `id` (``Job/requestStop()``); false when there is no such job.
    public func cancel(_ id: Int) -> Bool {
        guard let job = job(id) else { return false }
        // A queued run leaves the queue now, and its record says so at once.
        let dropped = condition.withLock { () -> Bool in
            guard let i = waiting.firstIndex(where: { $0 === job }) else { return false }
            waiting.remove(at: i)
            return true
        }
        job.requestStop()
        if dropped { finish(job, exit: nil, cancelled: true, output: "", messages: "") }
        return true
    }

    private func work() {
        while true {
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let job = waiting.removeFirst()
            condition.unlock()
            if job.state == .cancelled { finish(job, exit: nil, cancelled: true, output: "", messages: "") ; continue }
            run(job)
        }
    }

    /// Runs the job's process to its end, reading its progress lines, then checks the plan with `stplan check`.
    private func run(_ job: Job) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = job.arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let collected = Collected()
        let readers = DispatchGroup()
        readers.enter()
        Thread.detachNewThread {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            collected.lock.withLock { collected.output = data }
            readers.leave()
        }
        readers.enter()
        Thread.detachNewThread {
            var buffer = Data()
            let handle = err.fileHandleForReading
            func take(_ line: Data) {
                let text = String(decoding: line, as: UTF8.self)
                if let reading = PlanningProgress.Reading.parse(text) { job.set(reading) } else {
                    collected.lock.withLock { collected.messages += text + "\n" }
                    if text.hasPrefix("[") { job.set(line: text) }
                }
            }
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    take(buffer[buffer.startIndex..<newline])
                    buffer = Data(buffer[buffer.index(after: newline)...])
                }
            }
            if !buffer.isEmpty { take(buffer) }
            readers.leave()
        }
        let started: Bool
        do { started = try job.launch(p) } catch {
            try? out.fileHandleForWriting.close()
            try? err.fileHandleForWriting.close()
            readers.wait()
            finish(job, exit: nil, cancelled: false, output: "", messages: "stplan could not be started (\(binary)): \(error.localizedDescription)")
            return
        }
        if !started {
            // Never launched: the write ends are still the parent's, and the readers wait for them to close.
            try? out.fileHandleForWriting.close()
            try? err.fileHandleForWriting.close()
            readers.wait()
            finish(job, exit: nil, cancelled: true, output: "", messages: "")
            return
        }
        p.waitUntilExit()
        readers.wait()
        var messages = collected.lock.withLock { collected.messages }
        let output = collected.lock.withLock { collected.output }
        let crashed = p.terminationReason == .uncaughtSignal
        if crashed {
            messages += "stplan ended on signal \(p.terminationStatus) (a crash: please report it); the server goes on.\n"
        }
        finish(job, exit: crashed ? nil : p.terminationStatus, cancelled: job.stopRequested,
               output: String(decoding: output, as: UTF8.self), messages: messages)
    }

    /// Writes the job's end into its record and, when a plan was written, what `stplan check` says of it.
    private func finish(_ job: Job, exit: Int32?, cancelled: Bool, output: String, messages: String) {
        var record = workspace.record(job.scenario, job.planNumber, area: job.area)
            ?? PlanRecord(kind: job.area == .whatif ? .whatif : .plan, started: Workspace.isoNow(), timeLimit: 0)
        record.exitCode = exit
        record.cancelled = cancelled
        record.output = output
        record.messages = messages
        let planPath = job.folder + "/plan.json"
        if let scenario = job.checkScenario, FileManager.default.fileExists(atPath: planPath) {
            let check = Self.capture(binary, ["check", planPath, "--scenario", scenario])
            record.checkPassed = check.status == 0
            record.checkText = check.text
        }
        try? workspace.store(record, job.scenario, job.planNumber, area: job.area)
        job.set(exit == nil && !cancelled ? .failed : cancelled ? .cancelled : .finished)
    }

    /// Runs `binary ARGUMENTS` to its end: its exit code and what it printed (standard output, then error).
    static func capture(_ binary: String, _ arguments: [String]) -> (status: Int32, text: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return (-1, "\(binary) could not be started: \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationReason == .uncaughtSignal ? -1 : p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// What a run's readers collect, under a lock.
private final class Collected: @unchecked Sendable {
    let lock = NSLock()
    var output = Data()
    var messages = ""
}

extension Workspace {
    /// Now in ISO 8601, UTC, to the second.
    static func isoNow() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

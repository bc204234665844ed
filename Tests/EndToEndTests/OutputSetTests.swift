import Foundation
import Reports
import STCore
@testable import Pipeline
import Testing

/// Issue 17, item 3: output sets are written whole. Before, each file was renamed into place as it was written,
/// so a failed or killed run left a new plan.json beside old reports; calendars of trainees who had left stayed;
/// `export-model x.yaml --lp x.yaml` overwrote the scenario; `--out` naming a file failed after the whole solve
/// with "NSCocoaErrorDomain error 512".
@Suite("Output sets")
struct OutputSetTests {
    func folder(_ name: String) throws -> String {
        let d = EndToEndTests.ReplanTests.temporary(name)
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
    func listing(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects.compactMap { $0 as? String } ?? []).sorted()
    }

    @Test("files of an earlier run that this one no longer writes are removed; files stplan did not write are kept")
    func staleRemoved() throws {
        let out = try folder("stale")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try "mine".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        _ = try OutputSet.write([("plan.json", "1"), ("calendar/trainee-a.ics", "a"), ("calendar/trainee-b.ics", "b"), ("iup/b.md", "b")],
                                to: out, inputs: [])
        let paths = try OutputSet.write([("plan.json", "2"), ("calendar/trainee-a.ics", "a2")], to: out, inputs: [])
        #expect(paths == [out + "/plan.json", out + "/calendar/trainee-a.ics"])
        #expect(listing(out) == [".stplan-files", "calendar", "calendar/trainee-a.ics", "notes.txt", "plan.json"])
        #expect(read(out + "/plan.json") == "2")
        #expect(read(out + "/notes.txt") == "mine")
        #expect(read(out + "/.stplan-files") == "calendar/trainee-a.ics\nplan.json\n")
    }

    @Test("a run that fails while writing leaves the previous set as it was; a killed run's staging folder is removed next time")
    func failedRunLeavesPrevious() throws {
        let out = try folder("failed")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try OutputSet.write([("plan.json", "old"), ("plan.md", "old report")], to: out, inputs: [])
        // "x" as a file and "x/y" under it cannot both be written: the run fails after plan.json and plan.md are staged.
        #expect(throws: OutputError.self) {
            try OutputSet.write([("plan.json", "new"), ("plan.md", "new report"), ("x", "file"), ("x/y", "under a file")], to: out, inputs: [])
        }
        #expect(read(out + "/plan.json") == "old")
        #expect(read(out + "/plan.md") == "old report")
        #expect(listing(out) == [".stplan-files", "plan.json", "plan.md"])
        try FileManager.default.createDirectory(atPath: out + "/.stplan-staging-killed", withIntermediateDirectories: true)
        _ = try OutputSet.write([("plan.json", "new")], to: out, inputs: [])
        #expect(listing(out) == [".stplan-files", "plan.json"])
    }

    /// Found in review: the moves were not undone, so a folder where a later file goes left new reports beside
    /// the old plan.json.
    @Test("a move that fails puts back the files already replaced; another run's staging folder is left alone")
    func failedMoveRolledBack() throws {
        let out = try folder("rollback")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try OutputSet.write([("plan.json", "old"), ("plan.md", "old report")], to: out, inputs: [])
        try FileManager.default.createDirectory(atPath: out + "/todo.md/x", withIntermediateDirectories: true)
        let live = out + "/.stplan-staging-\(getpid())-other"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        do {
            _ = try OutputSet.write([("plan.md", "new report"), ("todo.md", "new"), ("plan.json", "new")], to: out, inputs: [])
            Issue.record("written")
        } catch {
            #expect(error.description.contains("a folder of that name is in the way"), "\(error)")
        }
        #expect(read(out + "/plan.md") == "old report")
        #expect(read(out + "/plan.json") == "old")
        #expect(FileManager.default.fileExists(atPath: live), "a staging folder of a process that is alive stays")
        #expect(listing(out).filter { $0.hasPrefix(".stplan-staging-") } == [".stplan-staging-\(getpid())-other"])
    }

    @Test("an output path that leaves --out is refused")
    func pathsStayInside() {
        for bad in ["../x", "a/../../x", "/etc/x", "", "a//b", "./a"] { #expect(!OutputSet.safe(bad), "\(bad)") }
        #expect(OutputSet.safe("calendar/trainee-anna.ics"))
    }

    @Test("report keeps the plan.json it reads and the formats it was not asked for, and replaces a departed trainee's files")
    func reportSet() throws {
        let out = try folder("report")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let golden = try String(contentsOfFile: "Tests/ReportsTests/Golden/plan.json", encoding: .utf8)
        try golden.write(toFile: out + "/plan.json", atomically: true, encoding: .utf8)
        let today = CivilDate(iso: "2027-01-04")
        #expect(Workflows.report(planPath: out + "/plan.json", formats: ReportFormat.allCases, out: out, english: false, today: today).status == .ok)
        #expect(FileManager.default.fileExists(atPath: out + "/iup/anna.html"))
        #expect(Workflows.report(planPath: out + "/plan.json", formats: [.md], out: out, english: false, today: today).status == .ok)
        #expect(read(out + "/plan.json") == golden)
        #expect(FileManager.default.fileExists(atPath: out + "/plan.html"), "html was not asked for: it stays")
        // The trainee renamed: anna's IUP and calendar go, berit's come.
        try golden.replacingOccurrences(of: "\"id\": \"anna\"", with: "\"id\": \"berit\"").write(toFile: out + "/plan.json", atomically: true, encoding: .utf8)
        #expect(Workflows.report(planPath: out + "/plan.json", formats: ReportFormat.allCases, out: out, english: false, today: today).status == .ok)
        let files = listing(out)
        #expect(!files.contains { $0.contains("anna") }, "\(files)")
        #expect(files.contains("iup/berit.md") && files.contains("iup/berit.html"), "\(files)")
    }

    @Test("no command overwrites its own input")
    func inputsKept() throws {
        let out = try folder("inputs")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let golden = try String(contentsOfFile: "Tests/ReportsTests/Golden/plan.json", encoding: .utf8)
        try golden.write(toFile: out + "/plan.md", atomically: true, encoding: .utf8)
        let r = Workflows.report(planPath: out + "/plan.md", formats: [.md], out: out, english: false, today: nil)
        #expect(r.status == .cannotCreate)
        #expect(r.stderr.contains("would overwrite the command's own input"), "\(r.stderr)")
        #expect(read(out + "/plan.md") == golden)
        let scenario = out + "/x.yaml"
        let text = try String(contentsOfFile: "Scenarios/example.yaml", encoding: .utf8)
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        let e = Workflows.exportModel(path: scenario, mps: false, out: out + "/./x.yaml")
        #expect(e.status == .cannotCreate)
        #expect(e.stderr.contains("export-model never overwrites its input"), "\(e.stderr)")
        #expect(read(scenario) == text)
    }

    @Test("--out naming a file is reported before the solve, in plain words")
    func outIsAFile() throws {
        let out = try folder("outfile")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try "x".write(toFile: out + "/file", atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        let t0 = clock.now
        let r = Workflows.plan(path: "Scenarios/example.yaml", out: out + "/file", timeLimit: 30, gap: 0, verbose: false, english: false)
        #expect(r.status == .cannotCreate)
        #expect(r.stderr.contains("--out \(out)/file is a file, not a folder"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(clock.now - t0 < .seconds(5), "no solve before the check")
        let under = Workflows.plan(path: "Scenarios/example.yaml", out: out + "/file/sub", timeLimit: 30, gap: 0, verbose: false, english: false)
        #expect(under.status == .cannotCreate)
        #expect(under.stderr.contains("which is a file, not a folder"), "\(under.stderr)")
    }
}

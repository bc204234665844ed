import Foundation
import STCore
import Pipeline
import Testing

/// Issue 17, item 6: `stplan plan --deterministic` gives the same plan.json, byte for byte, alone and under load,
/// in separate processes (each with its own hash seed). Before it, the time limit was wall seconds and two runs
/// of the example differed wherever the improvement loop had got to when time ran out.
@Suite("Deterministic plans", .serialized)
struct DeterministicTests {
    static let scenario = "Scenarios/example.yaml"

    /// Runs the release binary with `arguments` and `--out DIR`, `n` processes at once, and returns each run's
    /// `files` (read from its DIR), in order.
    static func runs(_ binary: String, _ arguments: [String], at once: Int, in dir: String, files: [String] = ["plan.json"]) throws -> [[Data]] {
        let runs = (0..<once).map { i in
            let out = dir + "/run-\(UUID().uuidString)-\(i)"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = arguments + ["--out", out]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return (p, out)
        }
        for (p, _) in runs { try p.run() }
        for (p, _) in runs { p.waitUntilExit() }
        for (p, _) in runs { #expect(p.terminationStatus == 0, "\(arguments)") }
        return try runs.map { run in try files.map { try Data(contentsOf: URL(fileURLWithPath: run.1 + "/" + $0)) } }
    }

    /// The release binary (`STPLAN_RELEASE_BINARY`) and a new temporary folder for the runs.
    static func setUp() throws -> (binary: String, dir: String) {
        let binary = try #require(ProcessInfo.processInfo.environment["STPLAN_RELEASE_BINARY"],
                                  "set STPLAN_RELEASE_BINARY to a release build of stplan (scripts/test builds one and sets it)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-det-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (binary, dir)
    }

    /// Runs `arguments` alone and then twice at once, and returns the three runs' `files`.
    static func threeRuns(_ binary: String, _ arguments: [String], in dir: String, files: [String]) throws -> [[Data]] {
        try runs(binary, arguments, at: 1, in: dir, files: files) + runs(binary, arguments, at: 2, in: dir, files: files)
    }

    /// `plan --deterministic` of the example, `n` processes at once: their plan.json bytes.
    static func plans(_ binary: String, at once: Int, in dir: String) throws -> [Data] {
        try runs(binary, ["plan", scenario, "--deterministic", "--time-limit", "4", "--no-reports"], at: once, in: dir).map { $0[0] }
    }

    @Test("the example planned with --deterministic alone and two at once gives one plan.json, which stplan check passes")
    func sameBytes() throws {
        let (binary, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let alone = try Self.plans(binary, at: 1, in: dir)
        let loaded = try Self.plans(binary, at: 2, in: dir)
        let all = alone + loaded
        #expect(all.count == 3 && all.allSatisfy { $0 == all[0] && !$0.isEmpty })
        let path = dir + "/plan.json"
        try all[0].write(to: URL(fileURLWithPath: path))
        let check = Workflows.check(planPath: path, scenarioPath: Self.scenario)
        #expect(check.status == .ok, "\(check.stdout)")
        // The seconds recorded are work seconds: what the limit allowed, not what the machine took.
        let plan = try PlanFile.read(path: path)
        #expect(plan.solve.seconds > 0 && plan.solve.seconds <= 4)
    }

    @Test("a replan with --deterministic, alone and two at once, gives one plan.json and one changes.json")
    func replanSameBytes() throws {
        let (binary, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = dir + "/base.json"
        try Self.plans(binary, at: 1, in: dir)[0].write(to: URL(fileURLWithPath: base))
        let args = ["replan", base, "--scenario", "Scenarios/whatif/foraldraledighet.yaml", "--deterministic", "--time-limit", "4", "--no-reports"]
        let files = ["plan.json", "changes.json"]
        let all = try Self.threeRuns(binary, args, in: dir, files: files)
        #expect(all.count == 3 && all.allSatisfy { $0 == all[0] && !$0[0].isEmpty })
    }

    @Test("a what-if with --deterministic, alone and two at once, gives the same comparison and the same plans")
    func whatIfSameBytes() throws {
        let (binary, dir) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // One variant replanned from the base (it has today:), one planned with the base plan as its start.
        let undated = dir + "/iva-undated.yaml"
        let base = FileManager.default.currentDirectoryPath + "/" + Self.scenario
        try "variant: IVA tar två utan datum\nbase: \(base)\nunits:\n  - id: iva\n    capacity: 2\n".write(toFile: undated, atomically: true, encoding: .utf8)
        let args = ["whatif", Self.scenario, "Scenarios/whatif/iva-tar-tva.yaml", undated, "--deterministic", "--time-limit", "6"]
        let files = ["comparison.json", "comparison.md", "bas/plan.json", "iva-tar-två/plan.json", "iva-tar-två/changes.json",
                     "iva-tar-två-utan-datum/plan.json"]
        let all = try Self.threeRuns(binary, args, in: dir, files: files)
        #expect(all.count == 3 && all.allSatisfy { $0 == all[0] && $0.allSatisfy { !$0.isEmpty } })
    }
}

import Foundation
import GLPKBackend
import LinearModel
import Testing

/// The LP and MPS exports load in glpsol (Debian glpk-utils) and give the objective the backend gives.
@Suite("LP/MPS export through glpsol")
struct ExportRoundTripTests {
    static func glpsolObjective(_ text: String, format: String) throws -> Double? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("m.\(format)")
        let out = dir.appendingPathComponent("sol.txt")
        try text.write(to: model, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["glpsol", format == "lp" ? "--lp" : "--freemps", model.path, "-o", out.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let report = try String(contentsOf: out, encoding: .utf8)
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let eq = line.firstIndex(of: "=") else { return nil }
        let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        return Double(rest.split(separator: " ").first ?? "")
    }

    static func sample() throws -> LinearModel {
        var m = LinearModel(name: "sample")
        let a = try m.addVariable("x[anna,kard,2027-W10]", kind: .binary)
        let b = try m.addVariable("x[bo,kard,2027-W10]", kind: .binary)
        let n = try m.addVariable("n[2027-W10]", kind: .integer, lower: 0, upper: 7)
        let s = try m.addVariable("short[med,2027-W10]", lower: 0)
        let f = try m.addVariable("free-var", lower: nil, upper: nil)
        try m.addRow("cap[kard,2027-W10]", [LinearTerm(a), LinearTerm(b)], .lessOrEqual(1))
        try m.addRow("count", [LinearTerm(a), LinearTerm(b), LinearTerm(n, -1)], .equal(0))
        try m.addRow("staff[med,2027-W10]", [LinearTerm(n, -1), LinearTerm(s)], .greaterOrEqual(-1.5))
        try m.addRow("band", [LinearTerm(f), LinearTerm(a, 2)], .ranged(-3, 4.25))
        try m.setObjective(a, -3)
        try m.setObjective(b, -2)
        try m.setObjective(s, 10)
        try m.setObjective(f, 0.5)
        m.objectiveConstant = 100
        return m
    }

    @Test("LP and MPS exports give the backend's objective in glpsol", arguments: ["lp", "mps"])
    func roundTrip(format: String) throws {
        let m = try Self.sample()
        let ours = try GLPKSolver().solve(m, options: SolverOptions())
        #expect(ours.status == .optimal)
        let text = format == "lp" ? ModelExport.lp(m) : ModelExport.mps(m)
        let theirs = try #require(try Self.glpsolObjective(text, format: format))
        #expect(abs(theirs - ours.objective!) < 1e-6, "glpsol \(theirs) vs stplan \(ours.objective!)")
    }

    @Test("a maximising model exported to MPS is its negation")
    func maximizeMPS() throws {
        var m = LinearModel(name: "max")
        m.sense = .maximize
        let x = try m.addVariable("x", kind: .integer, upper: 4)
        try m.setObjective(x, 2)
        let theirs = try #require(try Self.glpsolObjective(ModelExport.mps(m), format: "mps"))
        #expect(abs(theirs + 8) < 1e-9)
        let lp = try #require(try Self.glpsolObjective(ModelExport.lp(m), format: "lp"))
        #expect(abs(lp - 8) < 1e-9)
    }
}

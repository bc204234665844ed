import CohortGenerator
import Foundation
import ScenarioFormat
import Testing

/// The what-if sweep's files (`stplan-bench sweep`): every variant loads over the region, the region stays the
/// same while the intake grows, and the two stress variants change what they say they change.
@Suite("What-if intake sweep files")
struct IntakeSweepTests {
    static func load(_ files: [(file: String, text: String)]) throws -> [String: Scenario] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-sweep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for f in files { try f.text.write(toFile: dir + "/" + f.file, atomically: true, encoding: .utf8) }
        var out: [String: Scenario] = [:]
        for f in files { out[f.file] = try ScenarioLoader.load(path: dir + "/" + f.file).0 }
        return out
    }

    @Test("the region is fixed, the intake grows, the stress variants cut a place and add leave")
    func sweepFiles() throws {
        let files = CohortGenerator.intakeSweep(region: 12, intakes: [3, 5, 9], seed: 1)
        #expect(files.map(\.file) == ["region.yaml", "intake-5.yaml", "intake-9.yaml", "iva-minus-1.yaml", "leave-wave.yaml"])
        let s = try Self.load(files)
        let base = try #require(s["region.yaml"]), nine = try #require(s["intake-9.yaml"])
        #expect(base.trainees.count == 3)
        #expect(s["intake-5.yaml"]?.trainees.count == 5)
        #expect(nine.trainees.count == 9)
        // The same trainees as the smaller intake, then more.
        for (a, b) in zip(base.trainees, nine.trainees) {
            #expect(a.id == b.id && a.start == b.start && a.employment == b.employment && a.leave.count == b.leave.count)
        }
        // The same region: places, seats and staffing do not follow the intake.
        #expect(base.units.map(\.capacity) == nine.units.map(\.capacity))
        #expect(base.units.map(\.staffingMin) == nine.units.map(\.staffingMin))
        #expect(base.courses.map { $0.sessions.map(\.seats) } == nine.courses.map { $0.sessions.map(\.seats) })
        // The designed intake with one IVA place fewer.
        let cut = try #require(s["iva-minus-1.yaml"]), wave = try #require(s["leave-wave.yaml"])
        let iva = try #require(base.units.first { $0.id == "iva" }?.capacity)
        #expect(iva >= 2)
        #expect(cut.units.first { $0.id == "iva" }?.capacity == iva - 1)
        #expect(cut.trainees.count == 12 && wave.trainees.count == 12)
        // The wave: more trainees on parental leave than in the same intake without it.
        let designed = try Self.load([("region.yaml", CohortGenerator.yaml(trainees: 12, seed: 1, weeks: 400, region: 12))])["region.yaml"]!
        let onLeave = { (x: Scenario) in x.trainees.filter { !$0.leave.isEmpty }.count }
        #expect(onLeave(wave) > onLeave(designed))
        #expect(cut.units.filter { $0.id != "iva" }.map(\.capacity) == base.units.filter { $0.id != "iva" }.map(\.capacity))
    }
}

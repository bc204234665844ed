import Foundation
import GLPKBackend
import PlanCheck
import ScenarioFormat
import STCore
import Testing
@testable import Planning

/// Pins and forbidden periods (`trainees[].pins`, `trainees[].forbidden`): hard rules a studierektor sets by hand in
/// the workbench, kept by every part of the planner through the candidates, and judged by the checker.
@Suite struct PinTests {
    /// Two trainees, two unsplit rotations and one that may be split.
    static func scenario(anna: String = "", bo: String = "") -> String {
        """
        scenario: Pins
        calendar: { start: 2027-01-04, weeks: 340, periods: term }
        units:
          - { id: hem, name: Hemkliniken, home: true, staffing: { min: 1, target: 1 } }
          - { id: akut, name: Akutmottagningen, capacity: 1 }
          - { id: iva, name: IVA, capacity: 1 }
          - { id: inf, name: Infektion, capacity: 1 }
        programs:
          - id: st
            name: ST
            regulation: SOSFS 2015:8
            rotations:
              - { id: akut, unit: akut, weeks: 13, before_month: 24 }
              - { id: iva, unit: iva, weeks: 8 }
              - { id: inf, unit: inf, weeks: 12, split_max: 2, min_block_weeks: 4 }
            research: { weeks: 4, start_before_month: 30 }
            quality: { weeks: 2 }
            vacation_weeks_per_year: 5
        trainees:
          - { id: anna, name: Anna Ek, program: st, start: 2027-01-04\(anna) }
          - { id: bo, name: Bo Lind, program: st, start: 2027-03-01\(bo) }
        """
    }

    static func load(_ text: String) throws -> Scenario {
        try ScenarioLoader.parse(data: Data(text.utf8), file: "pins.yaml").0
    }

    static func errors(_ text: String) -> [String] {
        do {
            _ = try ScenarioLoader.parse(data: Data(text.utf8), file: "pins.yaml")
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map { "\($0.path): \($0.message)" }
        }
    }

    static let pinned = Self.scenario(anna: ", pins: [ { rotation: iva, start: 2029-03-07 } ]",
                                      bo: ", forbidden: [ { unit: akut, from: 2027-03-01, to: 2028-06-30 } ]")

    @Test("pins and forbidden periods are read; wrong ones are refused at their field")
    func format() throws {
        let s = try Self.load(Self.pinned)
        #expect(s.trainees[0].pins == [PinSpec(rotation: "iva", start: CivilDate(iso: "2029-03-07")!)])
        #expect(s.trainees[1].forbidden.first?.unit == "akut")
        let cases: [(String, String)] = [
            (", pins: [ { rotation: ortopedi, start: 2029-03-05 } ]", "trainees[0].pins[0].rotation: unknown rotation"),
            (", pins: [ { rotation: inf, start: 2029-03-05 } ]", "a pin holds an unsplit rotation only"),
            (", pins: [ { rotation: iva, start: 2026-03-02 } ]", "trainees[0].pins[0].start"),
            (", pins: [ { rotation: iva, start: 2029-03-05 }, { rotation: iva, start: 2030-03-04 } ]", "pinned twice"),
            (", pins: [ { rotation: iva, start: 2029-03-05, unit: akut } ]", "is not one of rotation iva's units"),
            (", forbidden: [ { unit: hem, from: 2028-01-03, to: 2028-06-30 } ]", "the home clinic cannot be forbidden"),
            (", forbidden: [ { unit: iva, from: 2028-06-30, to: 2028-01-03 } ]", "trainees[0].forbidden[0]"),
        ]
        for (anna, expected) in cases {
            let found = Self.errors(Self.scenario(anna: anna))
            #expect(found.contains { $0.contains(expected) }, "\(anna): \(found)")
        }
    }

    @Test("the candidates keep them: a pinned rotation has one start week, a forbidden unit no week in the period")
    func candidates() throws {
        let s = try Self.load(Self.pinned)
        let context = PlanningContext(scenario: s)
        let grid = s.grid
        let pinWeek = grid.week(containing: CivilDate(iso: "2029-03-07")!)
        let iva = try #require(context.trainees[0].requirements.firstIndex { $0.id == "iva" })
        #expect(!context.candidates[0][iva].isEmpty)
        #expect(context.candidates[0][iva].allSatisfy { $0.start == pinWeek })
        let barred = grid.weeks(touching: DateRange(from: CivilDate(iso: "2027-03-01")!, to: CivilDate(iso: "2028-06-30")!))
        let akut = try #require(context.trainees[1].requirements.firstIndex { $0.id == "akut" })
        #expect(!context.candidates[1][akut].isEmpty)
        #expect(context.candidates[1][akut].allSatisfy { c in !(c.start..<(c.start + c.length)).contains { barred.contains($0) } })
        // Without them the same rotations have many starts, some in the period.
        let free = PlanningContext(scenario: try Self.load(Self.scenario()))
        #expect(free.candidates[0][iva].count > 10 * context.candidates[0][iva].count)
        #expect(free.candidates[1][akut].contains { c in (c.start..<(c.start + c.length)).contains { barred.contains($0) } })
    }

    @Test("a plan keeps them and passes the checker; the checker catches a plan that breaks them")
    func planAndCheck() throws {
        let s = try Self.load(Self.pinned)
        var options = PlannerOptions(timeLimit: 20, relativeGap: 0.05)
        options.deterministic = true
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: options)
        let plan = try #require(outcome.plan, "\(outcome.log)")
        let anna = try #require(plan.trainees.first { $0.id == "anna" })
        let ivaStart = try #require(anna.blocks.first { $0.rotation == "iva" }).from
        #expect(ivaStart == CivilDate(iso: "2029-03-05"), "the Monday of the pinned date's week")
        let bo = try #require(plan.trainees.first { $0.id == "bo" })
        let akut = bo.blocks.filter { $0.rotation == "akut" }
        #expect(!akut.isEmpty && akut.allSatisfy { $0.from > CivilDate(iso: "2028-06-30")! })
        let verdict = PlanChecker.check(plan, against: s)
        #expect(verdict.passed, "\(verdict.violations.map(\.message))")

        // The same plan against other pins: the checker names each broken one.
        let moved = try Self.load(Self.scenario(anna: ", pins: [ { rotation: iva, start: 2030-03-04 } ]",
                                                bo: ", forbidden: [ { unit: akut, from: \(akut[0].from), to: \(akut[0].from) } ]"))
        let broken = PlanChecker.check(plan, against: moved)
        #expect(broken.violations(of: "pin").count == 1, "\(broken.violations.map(\.message))")
        #expect(broken.violations(of: "forbidden").count == 1, "\(broken.violations.map(\.message))")
    }
}

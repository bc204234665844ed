import Foundation
@testable import Reports
import STCore
import Testing

/// The change report and the replan's notes in plain Swedish (issue 15, item 8): stability, notes and a leave's kind
/// in words, rotations by their names and not lower-cased ids ("randning iva flyttad" before).
@Suite("Change report")
struct ChangeReportTests {
    /// The rich plan, replanned from its third week: a sick leave there, so IVA is one week shorter.
    static func plans() -> (old: Plan, new: Plan) {
        let old = ReportGoldenTests.richPlan()
        var new = old
        new.trainees[0].weeks[2] = .init(week: old.trainees[0].weeks[2].week, activity: .leave, counts: 0)
        new.trainees[0].weeks[2].leave = "sick"
        new.trainees[0].blocks = Plan.blocks(of: new.trainees[0].weeks)
        new.history = Plan.History(scenarioHash: "x", replans: [
            Plan.Replan(today: old.trainees[0].weeks[2].week, fromPlanHash: "y", fromScenarioHash: nil, stability: "balanced",
                        changedTrainees: ["anna"], changedWeeks: 1, movedBlocks: 0)])
        return (old, new)
    }

    static let notes: [ReplanNote] = [
        .cannotRunOn(trainee: "anna", rotation: "iva", unit: "iva", today: CivilDate(iso: "2027-01-18")!, weeks: 1),
        .researchCut(trainee: "anna", from: CivilDate(iso: "2027-01-04")!, today: CivilDate(iso: "2027-01-18")!, weeks: 6, minimum: 4, later: 4),
        .left(trainee: "bo"),
    ]

    @Test("changes.md in Swedish and English match their golden files, in plain words with names")
    func golden() throws {
        let (old, new) = Self.plans()
        let diff = PlanDiff.compare(old, new)
        let sv = ChangeReport.markdown(diff, old: old, new: new, notes: Self.notes, language: ReportLanguage())
        try expectGolden("sv/changes.md", sv)
        try expectGolden("en/changes.md", ChangeReport.markdown(diff, old: old, new: new, notes: Self.notes, language: ReportLanguage(english: true)))
        #expect(sv.contains("stabilitet balanserad"))
        #expect(sv.contains("| Sjukskrivning | tillagd |"), "the leave by its kind")
        #expect(sv.contains("Anna Ek, randning IVA förkortad"), "a notice names the rotation as it is written")
        #expect(sv.contains("- Anna Ek: randningen IVA vid IVA, Centrallasarettet kan inte fortsätta från 2027-01-18; de sista 1 v planeras om"))
        #expect(sv.contains("- Anna Ek: det vetenskapliga arbetet från 2027-01-04 avslutas 2027-01-18 efter 6 v (minst 4 v)"))
        for english in ["balanced", "research", "cannot run", "weeks", "leaves the plan"] { #expect(!sv.contains(english), "\(english)") }
        // changes.json keeps the English form with ids, for machines.
        let json = ChangeReport.json(diff, old: old, new: new, notes: Self.notes)
        #expect(json.contains("anna: iva at iva cannot run on from 2027-01-18; its last 1 weeks are planned anew"))
    }
}

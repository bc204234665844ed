@testable import PlanCheck
import Foundation
import STCore
import Testing

/// Rule `notice`: after a replan, a rotation at another unit may start inside its unit's lead time only if the
/// plan before the replan had booked it.
@Suite("Plan checker: notice in a replan", .serialized)
struct NoticeCheckTests {
    /// A rotation run at another unit with lead time that starts at week 3 or later: trainee, week, rotation, unit.
    static func awayRun(_ p: Plan) -> (t: Int, w: Int, rotation: String, unit: String)? {
        let s = PlanCheckTests.fixture.0
        for (t, tp) in p.trainees.enumerated() {
            for w in 3..<tp.weeks.count {
                guard let r = tp.weeks[w].rotation, let u = tp.weeks[w].unit, let unit = s.unit(u), !unit.home, unit.leadWeeks > 2,
                      tp.weeks[w - 1].rotation != r else { continue }
                return (t, w, r, u)
            }
        }
        return nil
    }

    /// The fixture plan with one replan on `today` whose record lists `booked`.
    static func replanned(on today: CivilDate, booked: [Plan.Booking]?) -> Plan {
        var p = PlanCheckTests.fixture.1
        p.history = Plan.History(scenarioHash: "test", scenarioFile: nil, replans: [
            Plan.Replan(today: today, fromPlanHash: "test", fromScenarioHash: nil, stability: "balanced", changedTrainees: [],
                        changedWeeks: 0, movedBlocks: 0, booked: booked),
        ])
        return p
    }

    @Test("a rotation two weeks after a replan is caught unless the replan had it booked; one begun before is not judged")
    func notice() throws {
        let (t, w, r, u) = try #require(Self.awayRun(PlanCheckTests.fixture.1))
        let p0 = PlanCheckTests.fixture.1
        let id = p0.trainees[t].id, start = p0.trainees[t].weeks[w].week
        let s = PlanCheckTests.fixture.0
        // Two weeks' notice: too short for a lead of three weeks or more.
        let short = PlanChecker.check(Self.replanned(on: start.adding(days: -14), booked: []), against: s).violations(of: "notice")
        #expect(short.contains { $0.trainee == id && $0.week == start }, "\(short)")
        #expect(short.first.map { $0.message.contains(u) && $0.message.contains("notice") } == true)
        // Booked before the replan: allowed.
        let booked = [Plan.Booking(trainee: id, rotation: r, unit: u, start: start)]
        let kept = PlanChecker.check(Self.replanned(on: start.adding(days: -14), booked: booked), against: s).violations(of: "notice")
        #expect(!kept.contains { $0.trainee == id && $0.week == start }, "\(kept)")
        // A replan recorded before the list was kept is not judged.
        #expect(PlanChecker.check(Self.replanned(on: start.adding(days: -14), booked: nil), against: s).violations(of: "notice").isEmpty)
        // A replan with the whole lead time ahead: nothing to judge.
        let lead = s.unit(u)!.leadWeeks
        let early = PlanChecker.check(Self.replanned(on: start.adding(days: -7 * (lead + 1)), booked: []), against: s).violations(of: "notice")
        #expect(!early.contains { $0.trainee == id && $0.week == start }, "\(early)")
    }

    @Test("a replan's booking list survives plan.json")
    func roundTrip() throws {
        let p = Self.replanned(on: CivilDate(iso: "2028-03-06")!, booked: [Plan.Booking(trainee: "anna", rotation: "iva", unit: "iva", start: CivilDate(iso: "2028-04-03")!)])
        let back = try PlanFile.decode(Data(PlanFile.encode(p).utf8))
        #expect(back.history?.replans.first?.booked == p.history?.replans.first?.booked)
        #expect(back.history?.replans.first?.booked?.count == 1)
    }
}

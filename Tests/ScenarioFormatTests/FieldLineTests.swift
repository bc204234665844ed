import Foundation
import Testing
@testable import ScenarioFormat

/// `ScenarioLoader.line(of:in:)`: the line of a field path as explanations write it, for the workbench's links.
@Suite struct FieldLineTests {
    static let text = """
    scenario: x
    units:
      - id: a
      - id: b
        capacity: 2
    trainees:
      - id: t
        leave:
          - { from: 2027-01-04, to: 2027-02-01 }

    """

    @Test("paths with keys and indices find their line; a missing tail finds the nearest part; an unknown key finds none")
    func lines() {
        let data = Data(Self.text.utf8)
        #expect(ScenarioLoader.line(of: "units[1].capacity", in: data) == 5)
        #expect(ScenarioLoader.line(of: "units[1]", in: data) == 4)
        #expect(ScenarioLoader.line(of: "trainees[0].leave[0]", in: data) == 9)
        #expect(ScenarioLoader.line(of: "trainees[0].leave[0].from", in: data) == 9)
        #expect(ScenarioLoader.line(of: "units[7].capacity", in: data) == 2)
        #expect(ScenarioLoader.line(of: "courses[0]", in: data) == nil)
        #expect(ScenarioLoader.line(of: "units[0]", in: Data("not: [yaml".utf8)) == nil)
    }
}

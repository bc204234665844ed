import ScenarioFormat
import STCore

/// A rotation block the model may choose: trainee, requirement, unit, first week and length.
/// Only blocks that every fixed rule allows exist (pruned before the model is built).
public struct Candidate: Sendable, Hashable {
    public let trainee: Int
    /// Index into ``TraineeContext/rotations``.
    public let rotation: Int
    public let unit: String
    public let start: Int
    public let length: Int
    /// The week after the block.
    public var end: Int { start + length }
}

/// What the model needs to know about one trainee, derived from the scenario alone.
public struct TraineeContext: Sendable {
    public let spec: TraineeSpec
    public let program: ProgramSpec
    public let timeline: TraineeTimeline
    /// The earliest week at which the ST can be complete (the grid's count when the horizon is short).
    public let earliestEnd: Int
    /// Weeks the ST may be extended by (limited by the horizon).
    public let maxExtension: Int
    /// The rotations still to plan (not in `done`).
    public let rotations: [RotationSpec]
}

/// The scenario prepared for model building: timelines, capacities, staffing needs and candidate blocks.
public struct PlanningContext: Sendable {
    public let scenario: Scenario
    public let grid: WeekGrid
    public let trainees: [TraineeContext]
    /// Capacity per receiving unit and week (`nil` for unlimited; 0 in closed weeks).
    public let capacity: [String: [Int?]]
    /// The home clinic's minimum and target per week.
    public let staffingMin: [Int]
    public let staffingTarget: [Int]
    /// Candidate blocks, grouped by trainee and rotation.
    public let candidates: [[[Candidate]]]

    /// Prepares `scenario`; `maxExtensionWeeks` bounds how far an ST may be pushed past its earliest end.
    public init(scenario: Scenario, maxExtensionWeeks: Int = 52) {
        self.scenario = scenario
        let grid = scenario.grid
        self.grid = grid
        var trainees: [TraineeContext] = []
        for t in scenario.trainees {
            let program = scenario.program(t.program)!
            let timeline = TraineeTimeline(trainee: t, program: program, grid: grid)
            let end = timeline.earliestEnd ?? grid.count
            trainees.append(TraineeContext(
                spec: t, program: program, timeline: timeline, earliestEnd: end,
                maxExtension: max(0, min(maxExtensionWeeks, grid.count - end)),
                rotations: program.rotations.filter { !t.done.contains($0.id) }))
        }
        self.trainees = trainees
        var capacity: [String: [Int?]] = [:]
        for u in scenario.units where !u.home {
            var weeks = [Int?](repeating: u.capacity, count: grid.count)
            for r in u.closed { for w in grid.weeks(touching: r) { weeks[w] = 0 } }
            capacity[u.id] = weeks
        }
        self.capacity = capacity
        let home = scenario.homeUnit
        var mins = [Int](repeating: home.staffingMin, count: grid.count)
        var targets = [Int](repeating: home.staffingTarget ?? home.staffingMin, count: grid.count)
        for o in home.staffingOverrides {
            for w in grid.weeks(touching: o.range) {
                if let m = o.min { mins[w] = m; targets[w] = max(targets[w], m) }
                if let t = o.target { targets[w] = t }
            }
        }
        staffingMin = mins
        staffingTarget = targets
        candidates = trainees.enumerated().map { ti, tc in
            tc.rotations.enumerated().map { ri, rot in
                PlanningContext.candidates(trainee: ti, tc, rotation: ri, rot, scenario: scenario, grid: grid, capacity: capacity)
            }
        }
    }

    /// The blocks a rotation may take: inside the trainee's possible ST, clear of leave and closures, starting
    /// in the unit's start windows, finished before `before_month` and started after `after_month`.
    static func candidates(trainee ti: Int, _ tc: TraineeContext, rotation ri: Int, _ rot: RotationSpec, scenario: Scenario,
                           grid: WeekGrid, capacity: [String: [Int?]]) -> [Candidate] {
        let first = max(0, tc.timeline.startWeek)
        let last = tc.earliestEnd + tc.maxExtension  // exclusive end of the latest possible ST
        // Prefix sums of counts for month rules.
        var prefix = [Double](repeating: 0, count: grid.count + 1)
        for w in grid.indices { prefix[w + 1] = prefix[w] + tc.timeline.counts[w] }
        let before = tc.timeline.servedBefore
        var out: [Candidate] = []
        for u in rot.units {
            guard let unit = scenario.unit(u), let cap = capacity[u] else { continue }
            var blocked = [Bool](repeating: false, count: grid.count)
            for w in grid.indices { blocked[w] = tc.timeline.leave[w] || cap[w] == 0 }
            for length in rot.minWeeks...rot.maxWeeks {
                var s = first
                while s + length <= last {
                    defer { s += 1 }
                    if (s..<(s + length)).contains(where: { blocked[$0] }) { continue }
                    if !unit.startWindows.isEmpty, !unit.startWindows.contains(where: { $0.contains(grid.monday(s)) }) { continue }
                    if let m = rot.beforeMonth, before + prefix[s + length] > STTime.weeks(months: m) + 1e-9 { continue }
                    if let m = rot.afterMonth, before + prefix[s] < STTime.weeks(months: m) - 1e-9 { continue }
                    out.append(Candidate(trainee: ti, rotation: ri, unit: u, start: s, length: length))
                }
            }
        }
        return out
    }

    /// Week label used in model names, e.g. `2027-W10`.
    public func label(_ w: Int) -> String { grid.monday(w).isoWeekLabel }
}

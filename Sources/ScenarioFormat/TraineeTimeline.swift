import STCore

/// A trainee's fixed facts on the grid: where the ST starts, which weeks are leave, what each week can count,
/// and the earliest possible completion. These follow from the scenario alone, before any planning.
public struct TraineeTimeline: Sendable {
    /// The first grid week of the ST (negative when the ST began before the calendar).
    public let startWeek: Int
    /// Leave weeks (a leave that touches any working day of a week makes it a leave week).
    public let leave: [Bool]
    /// The kind of each leave week (the first leave in the file that touches it), `nil` in other weeks.
    public let leaveKind: [LeaveKind?]
    /// ST time each grid week counts when served: the employment rate, 0 on leave and before the start.
    public let counts: [Double]
    /// Counted weeks served before the calendar start.
    public let servedBefore: Double
    /// Credited service (`credited_weeks`): it counts as served, so it moves the ST clock from the start.
    public let credited: Double
    /// Counted weeks the ST needs: the program's weeks − credited weeks + required extension weeks.
    public let required: Double
    /// The earliest week index at which the ST is complete (the week after the last counted week), or `nil`
    /// when the horizon is too short.
    public let earliestEnd: Int?
    /// The protected introduction: the first `introduction_weeks` grid weeks of an ST that starts inside the
    /// calendar, leave weeks skipped (empty when the ST began before it: its introduction is history).
    public let introduction: [Int]

    /// Derives the timeline of `trainee` under `program` on `grid`.
    public init(trainee: TraineeSpec, program: ProgramSpec, grid: WeekGrid) {
        let startWeek = grid.firstWeek(onOrAfter: trainee.start)
        self.startWeek = startWeek
        func onLeave(_ monday: CivilDate) -> Bool { trainee.leave.contains { $0.range.touchesWorkingDays(ofWeekStarting: monday) } }
        var before = 0.0
        if startWeek < 0 {
            for w in startWeek..<0 where !onLeave(grid.monday(w)) { before += trainee.employment }
        }
        servedBefore = before
        credited = Double(trainee.creditedWeeks)
        leave = grid.indices.map { onLeave(grid.monday($0)) }
        leaveKind = grid.indices.map { w in trainee.leave.first { $0.range.touchesWorkingDays(ofWeekStarting: grid.monday(w)) }?.kind }
        counts = grid.indices.map { w in (w >= startWeek && !onLeave(grid.monday(w))) ? trainee.employment : 0 }
        required = Double(program.regulation.requiredWeeks - trainee.creditedWeeks + trainee.extensionWeeks)
        var total = before
        var end: Int?
        if total >= required - 1e-6 { end = max(0, startWeek) }
        else {
            for w in grid.indices {
                total += counts[w]
                if total >= required - 1e-6 { end = w + 1; break }
            }
        }
        earliestEnd = end
        var intro: [Int] = []
        if startWeek >= 0 {
            var w = startWeek
            while intro.count < program.introductionWeeks, w < grid.count, w < (end ?? grid.count) {
                if !leave[w] { intro.append(w) }
                w += 1
            }
        }
        introduction = intro
    }

    /// Counted weeks after serving every countable week before `week` (plus weeks before the calendar; credited
    /// weeks not: this is what completion compares with ``required``).
    public func counted(before week: Int) -> Double {
        servedBefore + counts[..<max(0, min(week, counts.count))].reduce(0, +)
    }

    /// The ST clock at the start of grid week `week`: weeks served before the calendar + credited weeks + weeks
    /// counted on the grid before `week`. Every month rule reads this clock (month m is m × 52/12 weeks of it).
    public func clock(before week: Int) -> Double { credited + counted(before: week) }
}

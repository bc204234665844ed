import ScenarioFormat
import STCore

extension Replanner {
    /// `plan` read as an assignment of `context`'s candidates, block by block as a replan reads its old plan (see
    /// ``oldBlocks(_:_:_:)``), with the extension its completion implies; `nil` when a trainee of the context is not
    /// in the plan, the calendars start on different days, or a block is not one of the context's candidates.
    /// Whether the assignment keeps every rule of the context is for the model to say (``PlanningModel/values(for:)``).
    /// A trainee's weeks of an old plan on `grid`: cut to its length, or widened with after-end weeks.
    static func gridWeeks(_ tp: Plan.TraineePlan, _ grid: WeekGrid) -> [Plan.WeekEntry] {
        var weeks = Array(tp.weeks.prefix(grid.count))
        while weeks.count < grid.count { weeks.append(Plan.WeekEntry(week: grid.monday(weeks.count), activity: .afterEnd, counts: 0)) }
        return weeks
    }

    public static func assignment(of plan: Plan, in context: PlanningContext) -> Assignment? {
        let grid = context.grid
        guard plan.calendar.start == grid.start else { return nil }
        var a = Assignment(empty: context)
        for t in context.trainees.indices {
            let tc = context.trainees[t]
            guard let tp = plan.trainees.first(where: { $0.id == tc.spec.id }) else { return nil }
            let weeks = gridWeeks(tp, grid)
            let blocks = oldBlocks(weeks, t, context)
            for (r, req) in tc.requirements.enumerated() {
                var ks: [Int] = []
                for b in blocks[r] {
                    guard let k = match(b, context.candidates[t][r], req) else { return nil }
                    ks.append(k)
                }
                a.chosen[t][r] = ks
            }
            let end = (weeks.lastIndex { $0.activity.isInST } ?? -1) + 1
            let ext = max(0, end - tc.earliestEnd)
            guard ext <= tc.maxExtension else { return nil }
            a.extensionWeeks[t] = ext
        }
        return a
    }
}

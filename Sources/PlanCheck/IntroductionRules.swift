import ScenarioFormat
import STCore

// The protected introduction, re-derived from the scenario and the plan's weeks.
extension PlanChecker {
    /// `programs[].introduction_weeks`: an ST that starts inside the calendar begins with that many weeks at the
    /// home clinic (leave weeks skipped): home service only, no course, research or quality work in them; the
    /// supervision agreement, a supervision meeting (when the program sets supervision) and the training plan's
    /// signing lie inside them. An introduction before a replan's last cut was judged when it was planned.
    static func checkIntroduction(_ tp: Plan.TraineePlan, _ spec: TraineeSpec, _ program: ProgramSpec, _ mondays: [CivilDate],
                                  cuts: Set<Int>, _ report: inout CheckReport) {
        let n = program.introductionWeeks
        guard n > 0, spec.start >= mondays[0], let first = tp.weeks.indices.first(where: { tp.weeks[$0].activity.isInST }) else { return }
        var weeks: [Int] = []
        var w = first
        while weeks.count < n, w < tp.weeks.count, tp.weeks[w].activity.isInST {
            if tp.weeks[w].activity != .leave { weeks.append(w) }
            w += 1
        }
        guard let last = weeks.last, first >= (cuts.max() ?? 0) else { return }
        func fail(_ w: Int?, _ message: String) {
            report.violations.append(Violation(rule: "introduction", trainee: spec.id, week: w.map { mondays[$0] }, message: message))
        }
        for w in weeks {
            let e = tp.weeks[w]
            if e.activity != .home { fail(w, "a \(e.activity.rawValue) week in the first \(n) weeks of the ST, the protected introduction at the home clinic") }
            else if !e.courses.isEmpty || e.research > 0 || e.quality > 0 {
                fail(w, "course, research or quality work in the introduction (the first \(n) weeks of the ST)")
            }
        }
        let inside = Set(weeks)
        func has(_ kind: Plan.EventKind, _ subject: String? = nil) -> Bool {
            inside.contains { w in tp.weeks[w].events.contains { $0.kind == kind && (subject == nil || $0.subject == subject) } }
        }
        let span = "\(mondays[first])–\(mondays[last].adding(days: 4))"
        if !has(.supervisionAgreement) { fail(first, "no supervision agreement (handledningsavtal) in the introduction \(span)") }
        if program.supervision != nil, !has(.supervision) { fail(first, "no supervision meeting in the introduction \(span)") }
        if !has(.trainingPlan, "signed") { fail(first, "the training plan (utbildningsplan) is not signed in the introduction \(span)") }
    }
}

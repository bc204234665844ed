import LinearModel
import ScenarioFormat
import STCore

/// The cohort's course seats decided on their own: which session of each required course every trainee takes.
///
/// The greedy construction gives each trainee its cheapest session, one trainee after the other; where seats are
/// few, the first trainees take the sessions that the later ones can still reach, and a trainee whose ST reaches
/// only those finds none (the what-if sweep's intake 16: sixteen trainees, courses sized for ten, the construction
/// placed fourteen). This small MILP gives every trainee a session of every required course at once: a binary per
/// course candidate, and
/// - `take[trainee,course]`: each required course once;
/// - `seats[course,session]`: a session takes at most its seats;
/// - `term[trainee,term]`: at most `max_courses_per_term` courses a term;
/// - `day[trainee,day]`: one course a day;
/// - `week[trainee,week]`: the courses of one week take at most the whole week.
///
/// Every plan keeps these rows, so a course model without a solution proves that the cohort has no plan, for a
/// reason in its courses alone. A solution is a seat allocation that the construction then keeps to
/// (``Construction/allowed``). Sessions are preferred early (a tie-breaker, a thousandth a week): the later
/// sessions stay free for the trainees who start later.
enum CourseSeats {
    /// What the course model found.
    enum Result {
        /// Per trainee and requirement, the course candidate (index into ``PlanningContext/candidates``) to keep,
        /// `nil` for the requirements that are not courses.
        case allocated([[Int?]])
        /// No allocation exists: GLPK proved it on the courses alone.
        case infeasible
        /// Neither within the time given (or no trainee has a course with seats).
        case unknown
    }

    /// Decides the seats of `construction`'s cohort. A course candidate that no plan can use is left out as the
    /// construction leaves it out: one with `before: research` that ends after the research's latest start, and
    /// one that the completion buffer pushes past the longest extension; one it pushes past the earliest end costs
    /// its extension weeks.
    static func allocate(_ construction: Construction, solver: any MILPSolver, options: SolverOptions) throws -> Result {
        let context = construction.context
        let extensionWeek = context.scenario.weights.extensionWeek
        var model = LinearModel(name: "course-seats")
        var x: [[[VariableID]]] = context.trainees.map { $0.requirements.map { _ in [] } }
        var bySession: [String: [Int: [VariableID]]] = [:]
        var any = false
        for (t, tc) in context.trainees.enumerated() {
            let id = tc.spec.id
            var byTerm: [String: [VariableID]] = [:]
            var byDay: [Int: [VariableID]] = [:]
            var byWeek: [Int: [LinearTerm]] = [:]
            let afterBuffer = construction.afterBuffer(t)
            let latestResearch = construction.latestResearchStart(t)
            for (r, req) in tc.requirements.enumerated() where req.kind == .course {
                let course = context.scenario.course(req.id)!
                for c in context.candidates[t][r] {
                    let s = c.session!
                    let late = afterBuffer[c.end] > tc.earliestEnd + tc.maxExtension || (req.course!.beforeResearch && c.end > latestResearch)
                    let v = try model.addVariable("x[\(id),\(req.id),s\(s)]", kind: .binary, lower: c.forced ? 1 : 0, upper: late && !c.forced ? 0 : 1)
                    try model.setObjective(v, 1e-3 * Double(c.start) + extensionWeek * Double(max(0, afterBuffer[c.end] - tc.earliestEnd)))
                    x[t][r].append(v)
                    bySession[req.id, default: [:]][s, default: []].append(v)
                    byTerm[PlanningContext.term(of: course.sessions[s].start), default: []].append(v)
                    for d in context.sessionWorkingDays[req.id]![s] { byDay[d, default: []].append(v) }
                    for w in c.start..<c.end { byWeek[w, default: []].append(LinearTerm(v, c.share(at: w))) }
                    if course.sessions[s].seats != nil { any = true }
                }
                try model.addRow("take[\(id),\(req.id)]", x[t][r].map { LinearTerm($0) }, .equal(Double(req.minCount)))
            }
            if let limit = tc.program.maxCoursesPerTerm {
                for term in byTerm.keys.sorted() where byTerm[term]!.count > limit {
                    try model.addRow("term[\(id),\(term)]", byTerm[term]!.map { LinearTerm($0) }, .lessOrEqual(Double(limit)))
                }
            }
            for d in byDay.keys.sorted() where byDay[d]!.count > 1 {
                try model.addRow("day[\(id),\(d)]", byDay[d]!.map { LinearTerm($0) }, .lessOrEqual(1))
            }
            for w in byWeek.keys.sorted() where byWeek[w]!.count > 1 && byWeek[w]!.reduce(0, { $0 + $1.coefficient }) > 1 + 1e-9 {
                try model.addRow("week[\(id),\(context.label(w))]", byWeek[w]!, .lessOrEqual(1))
            }
        }
        guard any else { return .unknown }
        for course in context.scenario.courses {
            for (s, session) in course.sessions.enumerated() {
                guard let seats = session.seats, let vars = bySession[course.id]?[s], vars.count > seats else { continue }
                try model.addRow("seats[\(course.id),s\(s)]", vars.map { LinearTerm($0) }, .lessOrEqual(Double(seats)))
            }
        }
        var o = options
        o.afterFirstSolution = 0.2
        let result = try solver.solve(model, options: o)
        if result.status == .infeasible { return .infeasible }
        guard result.status.hasSolution else { return .unknown }
        return .allocated(x.map { reqs in reqs.map { vars in vars.firstIndex { result.values[$0.index] > 0.5 } } })
    }
}

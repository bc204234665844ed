import LinearModel
import ScenarioFormat

extension PlanningModel {
    /// Courses:
    /// - `seats[course,s]`: a session takes at most its seats across the cohort (less what fixed trainees use);
    /// - `term[trainee,VT2027]`: at most `max_courses_per_term` required courses a term (January–June, July–December,
    ///   by the session's first day);
    /// - `prior[trainee,course,week]`: a course with `before: research` ends before the research starts.
    mutating func addCourseRows() throws {
        var bySession: [String: [Int: [VariableID]]] = [:]
        for t in free {
            let tc = context.trainees[t]
            var byTerm: [String: [VariableID]] = [:]
            for (r, req) in tc.requirements.enumerated() where req.kind == .course {
                let course = context.scenario.course(req.id)!
                for (k, c) in context.candidates[t][r].enumerated() {
                    bySession[req.id, default: [:]][c.session!, default: []].append(block[t][r][k])
                    byTerm[PlanningContext.term(of: course.sessions[c.session!].start), default: []].append(block[t][r][k])
                }
            }
            if let limit = tc.program.maxCoursesPerTerm {
                for term in byTerm.keys.sorted() where byTerm[term]!.count > limit {
                    try addRow(RowTag(.coursesPerTerm, trainee: t, term: term), "term[\(tc.spec.id),\(term)]", byTerm[term]!.map { LinearTerm($0) }, .lessOrEqual(Double(limit)))
                }
            }
            guard let research = tc.requirements.firstIndex(where: { $0.kind == .research }) else { continue }
            let starts = context.candidates[t][research]
            for (r, req) in tc.requirements.enumerated() where req.kind == .course && req.course!.beforeResearch {
                // Research starting at or before week w rules out a session whose last week is w or later.
                let lastWeeks = Set(context.candidates[t][r].map { $0.end - 1 })
                for w in lastWeeks.sorted() {
                    let early = starts.indices.filter { starts[$0].start <= w }.map { LinearTerm(block[t][research][$0]) }
                    let late = context.candidates[t][r].indices.filter { context.candidates[t][r][$0].end - 1 >= w }.map { LinearTerm(block[t][r][$0]) }
                    guard !early.isEmpty, !late.isEmpty else { continue }
                    try addRow(RowTag(.courseBeforeResearch, trainee: t, requirement: r, week: w), "prior[\(tc.spec.id),\(req.id),\(context.label(w))]", early + late, .lessOrEqual(1))
                }
            }
        }
        for (ci, course) in context.scenario.courses.enumerated() {
            for (s, session) in course.sessions.enumerated() {
                guard let seats = session.seats, let vars = bySession[course.id]?[s] else { continue }
                let left = seats - (fixedSeats[course.id]?[s] ?? 0)
                guard vars.count > left else { continue }
                try addRow(RowTag(.seats, course: ci, session: s), "seats[\(course.id),s\(s)]", vars.map { LinearTerm($0) }, .lessOrEqual(Double(left)))
            }
        }
    }
}

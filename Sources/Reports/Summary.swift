import STCore

/// The short human summary `stplan plan` prints: per trainee, per unit, and the solve, in plain words with names
/// (Swedish by default: a decimal comma, no ids but in brackets after a name). Reads a Plan only.
public enum Summary {
    /// The summary in Swedish (default) or English.
    public static func text(_ plan: Plan, english: Bool = false) -> String {
        let L = ReportLanguage(english: english)
        var out = "\(plan.scenario)\n\n\(L[.trainees])\n"
        for t in plan.trainees {
            let name = t.name.map { "\($0) (\(t.id))" } ?? t.id
            var line = "  \(name): " + (t.completion.map { L[.completes] + " " + $0.description } ?? L[.notComplete])
            if t.extensionWeeks > 0 { line += ", \(L[.extended]) \(L.weeks(t.extensionWeeks))" }
            let rotations = IUPReport.timePlan(plan, t, L).filter { $0.activity == .rotation }
            line += rotations.isEmpty ? "\n    " + L[.noRotations]
                : rotations.map { "\n    \($0.text), \($0.from)–\($0.to.adding(days: -2)) (\(L.weeks($0.weeks)))" }.joined()
            out += line + "\n"
        }
        out += "\n\(L[.unitsPeakLoad])\n"
        for u in plan.units {
            let peak = u.load.max() ?? 0
            let weeksAtPeak = u.load.filter { $0 == peak && peak > 0 }.count
            var line = "  \(PlanFacts.name(plan, u.id)): \(L[.atMost]) \(peak)"
            if let cap = u.capacity?.max() { line += " " + L.ofPlaces(cap) }
            if peak > 0 { line += " (\(weeksAtPeak) \(L[.weeksWord]))" }
            out += line + "\n"
        }
        for s in plan.staffing {
            let short = s.shortage.reduce(0, +)
            let weeksShort = s.shortage.filter { $0 > 1e-9 }.count
            let unavoidable = PlanFacts.unavoidable(plan, s).reduce(0, +)
            out += "  \(PlanFacts.name(plan, s.unit)): "
            if short <= 1e-9 {
                out += L[.neverBelowMinimum] + "\n"
                continue
            }
            out += L.belowMinimumSummary(total: short, weeks: weeksShort, unavoidable: unavoidable) + "\n"
        }
        let sv = plan.solve
        out += "\n\(L[.solution]): \(L.status(sv.status)), \(L[.objective]) \(sv.objective.map { L.number($0) } ?? "–"), "
        out += "\(L[.bound]) \(sv.bound.map { L.number($0) } ?? "–"), \(L[.gap]) \(sv.gap.map { L.fixed($0 * 100, decimals: 1) + " %" } ?? "–"), "
        out += "\(L.fixed(sv.seconds, decimals: 1)) s\n"
        if let terms = sv.terms, !terms.isEmpty {
            out += "  " + terms.sorted { $0.key < $1.key }.map { "\(L.term($0.key)) \(L.number($0.value))" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}

import STCore

/// The short human summary `stplan plan` prints: per trainee, per unit, and the solve, in plain words with names
/// (Swedish by default: a decimal comma, no ids but in brackets after a name). Reads a Plan only.
public enum Summary {
    /// The summary in Swedish (default) or English.
    public static func text(_ plan: Plan, english: Bool = false) -> String {
        let L = ReportLanguage(english: english)
        let en = english
        var out = "\(plan.scenario)\n\n\(en ? "Trainees" : "ST-läkare")\n"
        for t in plan.trainees {
            let name = t.name.map { "\($0) (\(t.id))" } ?? t.id
            var line = "  \(name): " + (t.completion.map { (en ? "completes " : "klar ") + $0.description }
                ?? (en ? "not complete within the horizon" : "inte klar inom planeringshorisonten"))
            if t.extensionWeeks > 0 { line += en ? ", extended \(L.weeks(t.extensionWeeks))" : ", förlängd \(L.weeks(t.extensionWeeks))" }
            let rotations = IUPReport.timePlan(plan, t, L).filter { $0.activity == .rotation }
            line += rotations.isEmpty ? "\n    " + (en ? "no rotations" : "inga randningar")
                : rotations.map { "\n    \($0.text), \($0.from)–\($0.to.adding(days: -2)) (\(L.weeks($0.weeks)))" }.joined()
            out += line + "\n"
        }
        out += "\n\(en ? "Units (peak load)" : "Enheter (högsta beläggning)")\n"
        for u in plan.units {
            let peak = u.load.max() ?? 0
            let weeksAtPeak = u.load.filter { $0 == peak && peak > 0 }.count
            var line = "  \(PlanFacts.name(plan, u.id)): \(en ? "at most" : "högst") \(peak)"
            if let cap = u.capacity?.max() { line += en ? " of \(cap) places" : " av \(cap) \(cap == 1 ? "plats" : "platser")" }
            if peak > 0 { line += " (\(weeksAtPeak) \(en ? "weeks" : "veckor"))" }
            out += line + "\n"
        }
        for s in plan.staffing {
            let short = s.shortage.reduce(0, +)
            let weeksShort = s.shortage.filter { $0 > 1e-9 }.count
            let unavoidable = PlanFacts.unavoidable(plan, s).reduce(0, +)
            out += "  \(PlanFacts.name(plan, s.unit)): "
            if short <= 1e-9 {
                out += en ? "never below the staffing minimum\n" : "aldrig under minimibemanningen\n"
                continue
            }
            out += en ? "\(L.number(short)) trainee-weeks below the staffing minimum (\(weeksShort) weeks): \(L.number(unavoidable)) unavoidable (fewer trainees in ST than the minimum), \(L.number(short - unavoidable)) the plan's choice\n"
                      : "\(L.number(short)) ST-läkarveckor under minimibemanningen (\(weeksShort) veckor): \(L.number(unavoidable)) oundvikliga (färre ST-läkare i tjänst än minimum), \(L.number(short - unavoidable)) planens val\n"
        }
        let sv = plan.solve
        out += "\n\(en ? "Solution" : "Lösning"): \(L.status(sv.status)), \(en ? "objective" : "målfunktion") \(sv.objective.map { L.number($0) } ?? "–"), "
        out += "\(en ? "bound" : "gräns") \(sv.bound.map { L.number($0) } ?? "–"), \(en ? "gap" : "gap") \(sv.gap.map { L.fixed($0 * 100, decimals: 1) + " %" } ?? "–"), "
        out += "\(L.fixed(sv.seconds, decimals: 1)) s\n"
        if let terms = sv.terms, !terms.isEmpty {
            out += "  " + terms.sorted { $0.key < $1.key }.map { "\(L.term($0.key)) \(L.number($0.value))" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}

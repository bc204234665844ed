import STCore

/// The short human summary `stplan plan` prints: per trainee, per unit, and the solve. Reads a Plan only.
public enum Summary {
    /// The summary in Swedish (default) or English.
    public static func text(_ plan: Plan, english: Bool = false) -> String {
        let L = english ? Labels.en : Labels.sv
        var out = "\(plan.scenario)\n\n\(L.trainees)\n"
        let idWidth = max(8, plan.trainees.map(\.id.count).max() ?? 0)
        for t in plan.trainees {
            let done = t.completion?.description ?? L.notWithin
            var line = "  " + pad(t.id, idWidth) + "  \(L.completion) \(done)"
            if t.extensionWeeks > 0 { line += " (+\(t.extensionWeeks) \(L.weeks))" }
            let rotations = t.blocks.filter { $0.activity == .rotation }.map { b in
                "\(b.rotation ?? b.unit ?? "?")@\(b.unit ?? "?") \(b.from)–\(b.to) (\(b.weeks) \(L.weeksShort))"
            }
            line += "\n    " + (rotations.isEmpty ? L.noRotations : rotations.joined(separator: "\n    "))
            out += line + "\n"
        }
        out += "\n\(L.units)\n"
        let unitWidth = max(8, plan.units.map(\.id.count).max() ?? 0)
        for u in plan.units {
            let peak = u.load.max() ?? 0
            let weeksAtPeak = u.load.filter { $0 == peak && peak > 0 }.count
            var line = "  " + pad(u.id, unitWidth) + "  \(L.peak) \(peak)"
            if let cap = u.capacity?.max() { line += " / \(L.capacity) \(cap)" }
            if peak > 0 { line += " (\(weeksAtPeak) \(L.weeks))" }
            out += line + "\n"
        }
        for s in plan.staffing {
            let short = s.shortage.reduce(0, +)
            let weeksShort = s.shortage.filter { $0 > 1e-9 }.count
            let unavoidable = PlanFacts.unavoidable(plan, s).reduce(0, +)
            out += "  " + pad(s.unit, unitWidth) + "  \(L.staffingShort) \(JSONValue.format(short)) (\(weeksShort) \(L.weeks))"
            if short > 1e-9 {
                out += ": \(JSONValue.format(unavoidable)) \(L.unavoidable), \(JSONValue.format(short - unavoidable)) \(L.planned)"
            }
            out += "\n"
        }
        let sv = plan.solve
        out += "\n\(L.solver): \(sv.status), \(L.objective) \(sv.objective.map(JSONValue.format) ?? "-"), "
        out += "\(L.bound) \(sv.bound.map(JSONValue.format) ?? "-"), gap \(sv.gap.map { JSONValue.format($0 * 100) + " %" } ?? "-"), "
        out += "\(JSONValue.format(sv.seconds)) s\n"
        if let terms = sv.terms, !terms.isEmpty {
            out += "  " + terms.sorted { $0.key < $1.key }.map { "\($0.key) \(JSONValue.format($0.value))" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }

    struct Labels {
        let trainees, completion, notWithin, weeks, weeksShort, noRotations, units, peak, capacity, staffingShort, solver, objective, bound: String
        let unavoidable, planned: String
        static let sv = Labels(trainees: "ST-läkare", completion: "klar", notWithin: "inte inom planeringshorisonten", weeks: "veckor",
                               weeksShort: "v", noRotations: "inga randningar", units: "Enheter (högsta beläggning)", peak: "högst",
                               capacity: "platser", staffingShort: "underbemanning (ST-läkarveckor under min)", solver: "Lösare",
                               objective: "målfunktion", bound: "gräns",
                               unavoidable: "oundviklig (färre ST-läkare i tjänst än minimum)", planned: "planens val")
        static let en = Labels(trainees: "Trainees", completion: "completes", notWithin: "not within the horizon", weeks: "weeks",
                               weeksShort: "w", noRotations: "no rotations", units: "Units (peak load)", peak: "peak",
                               capacity: "capacity", staffingShort: "shortage (trainee-weeks below min)", solver: "Solver",
                               objective: "objective", bound: "bound",
                               unavoidable: "unavoidable (fewer trainees in ST than the minimum)", planned: "the plan's choice")
    }
}
